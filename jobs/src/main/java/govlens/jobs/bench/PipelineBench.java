package govlens.jobs.bench;

import govlens.jobs.Pipeline;
import govlens.jobs.RunContext;
import govlens.jobs.Sessions;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.synth.SynthCommand;
import govlens.jobs.synth.SynthCorpus;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens bench pipeline}: the whole pipeline on synthetic corpora of several sizes, then the two runs a
 * user waits for with JVM start included: the nightly increment and a newcomer's first run on the sample.
 *
 * <p>For each size: a corpus from {@link SynthCorpus} (fixed seed; reused when the folder already holds
 * exactly that many files), a fresh warehouse, {@code Pipeline.run} with full rebuild in a JVM of its own
 * ({@code -Xmx2g}, this command again with {@code --in-process}): a size run after another in the same JVM
 * inherits its fragmented heap (a 30,000-report run after 1,000 and 10,000 spent 4.6× as long in its
 * indicator stage retrying 32 MB page allocations), so each figure is what that size costs on its own. Printed:
 * wall time per stage ({@link RunContext#stageMillis}), peak heap in use (sampled every 50 ms, and the sum of
 * the heap pools' peaks, an upper bound), GC count and time, bytes per table folder, docs/s, load average.
 *
 * <p>Then, unless skipped: {@code --nightly} new reports (indices after the largest corpus) are added and
 * {@code govlens run} is launched as a separate JVM on the largest warehouse (incremental, as cron would run
 * it), and {@code govlens run} on data/sample into a fresh warehouse, also a separate JVM. Both use this JVM's
 * java, classpath and options with {@code -Xmx2g}, i.e. what bin/govlens execs after its build check. A
 * final table compares every figure with its goal (30k ≤ 10 min and ≤ 2 GB heap, nightly ≤ 60 s, sample
 * ≤ 30 s), and a second one each corpus's dashboard page size with its goal (≤ 10 MB). The baseline of the
 * ratios is the goal itself.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Time the whole pipeline on synthetic corpora, the nightly increment and the first sample run.")
public final class PipelineBench implements Callable<Integer> {
    @Option(
            names = "--docs",
            split = ",",
            defaultValue = "1000,10000,30000",
            description = "corpus sizes (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(
            names = "--work",
            defaultValue = "target/bench",
            paramLabel = "DIR",
            description = "folder for corpora and warehouses (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--seed", defaultValue = "42", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--nightly",
            defaultValue = "100",
            description = "reports added for the nightly run; 0 skips it (default: ${DEFAULT-VALUE})")
    int nightly;

    @Option(names = "--skip-sample", description = "skip the first-run-on-the-sample measurement")
    boolean skipSample;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(
            names = "--in-process",
            description = "run the sizes in this JVM, one after another, and nothing else (used by the bench itself "
                    + "for each size; heap state carries over between sizes)")
    boolean inProcess;

    @Option(
            names = "--result",
            paramLabel = "FILE",
            description = "with --in-process: also write each size's wall ms, heap peak and page bytes to FILE")
    Path result;

    @Option(
            names = "--sources",
            arity = "1..*",
            paramLabel = "PATH",
            description = "real reports for the generator (default: data/sample and the external corpus)")
    List<Path> sources;

    /** Standalone entry, for use before the command is registered in GovLensCli. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new PipelineBench()).execute(args));
    }

    private final List<String[]> table = new ArrayList<>();
    /** Lines "size wallMs heapPeakBytes pageBytes", one per size run in this JVM, for {@code --result}. */
    private final List<String> results = new ArrayList<>();

    private final List<String[]> pages = new ArrayList<>();
    /** The dashboard page's goal at every corpus size up to 30,000 reports (issue 14). */
    static final long PAGE_GOAL_BYTES = 10_000_000L;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(work);
        SynthCorpus corpus = SynthCorpus.fromSources(
                sources != null
                        ? sources
                        : SynthCommand.DEFAULT_SOURCES.stream().map(Path::of).toList());
        int largest = 0;
        for (int n : sizes) {
            Path dir = corpusDir(corpus, n, 0, "corpus-" + n);
            Path wh = work.resolve("wh-" + n);
            deleteTree(wh);
            if (inProcess) {
                runInProcess(n, dir, wh);
            } else {
                runInChild(n);
            }
            largest = Math.max(largest, n);
        }
        if (inProcess) {
            if (result != null) {
                Files.write(result, results);
            }
            return 0;
        }
        if (nightly > 0 && largest > 0) {
            Path extra = corpusDir(corpus, nightly, largest, "nightly-" + largest);
            Path wh = work.resolve("wh-" + largest);
            long ms = launch(
                    "nightly",
                    List.of(
                            "run",
                            "--input",
                            work.resolve("corpus-" + largest).toString(),
                            extra.toString(),
                            "--warehouse",
                            wh.toString()));
            table.add(row("nightly +" + nightly + " (new JVM)", ms, 60_000, "-"));
        }
        if (!skipSample) {
            Path wh = work.resolve("wh-sample");
            deleteTree(wh);
            long ms = launch("sample", List.of("run", "--input", "data/sample", "--warehouse", wh.toString()));
            table.add(row("first run, data/sample (new JVM)", ms, 30_000, "-"));
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT, "%-34s %10s %10s %7s %12s%n", "measurement", "wall s", "goal s", "ratio", "peak heap MB");
        for (String[] r : table) {
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %7s %12s%n", (Object[]) r);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %10s %10s %7s%n", "dashboard page", "MB", "goal MB", "ratio");
        for (String[] r : pages) {
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %7s%n", (Object[]) r);
        }
        return 0;
    }

    private static String[] row(String what, long ms, long goalMs, String heap) {
        return new String[] {
            what,
            String.format(Locale.ROOT, "%.1f", ms / 1000.0),
            goalMs > 0 ? String.format(Locale.ROOT, "%.0f", goalMs / 1000.0) : "-",
            goalMs > 0 ? String.format(Locale.ROOT, "%.2f", ms / (double) goalMs) : "-",
            heap
        };
    }

    private Path corpusDir(SynthCorpus corpus, int n, int start, String name) throws IOException {
        Path dir = work.resolve(name);
        long have = Files.isDirectory(dir) ? countFiles(dir) : -1;
        if (have != n) {
            deleteTree(dir);
            long t0 = System.nanoTime();
            SynthCommand.Summary s = SynthCommand.write(corpus, dir, seed, start, n);
            System.out.printf(
                    Locale.ROOT,
                    "synth %s: %d reports, %.1f MB in %.1f s%n",
                    name,
                    n,
                    s.bytes() / 1e6,
                    (System.nanoTime() - t0) / 1e9);
        }
        return dir;
    }

    private void runInProcess(int n, Path dir, Path wh) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("govlens.input", List.of(dir.toString()));
        o.put("govlens.warehouse", wh.toString());
        o.put("govlens.full-rebuild", true);
        GovLensConfig config = GovLensConfig.load(null, o);
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long gcCount0 = gcCount();
        long gcMs0 = gcMillis();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long t0 = System.nanoTime();
        SparkSession spark = Sessions.build(config, master);
        Pipeline.Outcome outcome;
        try {
            outcome = Pipeline.run(spark, config);
        } finally {
            spark.stop();
        }
        long wall = (System.nanoTime() - t0) / 1_000_000;
        sampler.interrupt();
        long poolPeaks = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                poolPeaks += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%n== %d reports: wall %.1f s (session start included), %.1f docs/s, quality %s, %s%n",
                n,
                wall / 1000.0,
                n / (wall / 1000.0),
                outcome.qualityPassed() ? "passed" : "FAILED",
                Load.now());
        outcome.run()
                .stageMillis()
                .forEach((k, v) -> System.out.printf(Locale.ROOT, "  stage %-12s %9.1f s%n", k, v / 1000.0));
        System.out.printf(
                Locale.ROOT,
                "  heap peak sampled %d MB, sum of pool peaks %d MB, max heap %d MB; " + "GC %d collections, %.1f s%n",
                sampler.peak.get() >> 20,
                poolPeaks >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                gcCount() - gcCount0,
                (gcMillis() - gcMs0) / 1000.0);
        System.out.println("  counts " + outcome.run().counts());
        for (Map.Entry<String, Long> e : folderSizes(wh).entrySet()) {
            System.out.printf(Locale.ROOT, "  output %-28s %10.1f MB%n", e.getKey(), e.getValue() / 1e6);
        }
        Path page = wh.resolve("dashboard").resolve("index.html");
        long pageBytes = Files.isRegularFile(page) ? page.toFile().length() : -1;
        Path regionFiles = wh.resolve("dashboard").resolve("regions");
        System.out.printf(
                Locale.ROOT,
                "  dashboard page %s (goal <= %.0f MB), region detail %s, stage %.1f s%n",
                pageBytes < 0 ? "MISSING" : String.format(Locale.ROOT, "%.2f MB", pageBytes / 1e6),
                PAGE_GOAL_BYTES / 1e6,
                Files.isDirectory(regionFiles) ? "in dashboard/regions (served on demand)" : "embedded",
                outcome.run().stageMillis().getOrDefault("dashboard", 0L) / 1000.0);
        results.add(n + " " + wall + " " + sampler.peak.get() + " " + pageBytes);
    }

    /** One size in a JVM of its own; its output goes to this one's, its figures come back through a file. */
    private void runInChild(int n) throws IOException, InterruptedException {
        Path file = work.resolve("size-" + n + ".result");
        Files.deleteIfExists(file);
        List<String> args = new ArrayList<>(List.of(
                "bench",
                "pipeline",
                "--in-process",
                "--docs",
                String.valueOf(n),
                "--nightly",
                "0",
                "--skip-sample",
                "--work",
                work.toString(),
                "--seed",
                String.valueOf(seed),
                "--master",
                master,
                "--result",
                file.toString()));
        if (sources != null) {
            args.add("--sources");
            sources.forEach(s -> args.add(s.toString()));
        }
        int rc = exec(args, null);
        if (rc != 0 || !Files.isRegularFile(file)) {
            System.out.printf(Locale.ROOT, "%n== %d reports: FAILED (exit %d), no figures%n", n, rc);
            table.add(new String[] {n + " reports (own JVM, --full)", "FAILED", "-", "-", "-"});
            return;
        }
        String[] f = Files.readAllLines(file).get(0).split(" ");
        long wall = Long.parseLong(f[1]);
        long heap = Long.parseLong(f[2]);
        long pageBytes = Long.parseLong(f[3]);
        pages.add(new String[] {
            n + " reports",
            pageBytes < 0 ? "missing" : String.format(Locale.ROOT, "%.2f", pageBytes / 1e6),
            String.format(Locale.ROOT, "%.0f", PAGE_GOAL_BYTES / 1e6),
            pageBytes < 0 ? "-" : String.format(Locale.ROOT, "%.2f", pageBytes / (double) PAGE_GOAL_BYTES)
        });
        long goal = n >= 30_000 ? 600_000 : 0;
        table.add(row(n + " reports (own JVM, --full)", wall, goal, String.valueOf(heap >> 20)));
    }

    /** Launches govlens as cron would: a new JVM with this JVM's java, classpath and options, -Xmx2g. */
    private long launch(String what, List<String> args) throws IOException, InterruptedException {
        File log = work.resolve(what + ".log").toFile();
        long t0 = System.nanoTime();
        int rc = exec(args, log);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "%n== %s: govlens %s → exit %d, wall %.1f s (JVM start included), %s; log %s%n",
                what,
                String.join(" ", args),
                rc,
                ms / 1000.0,
                Load.now(),
                log);
        return ms;
    }

    /** Runs govlens in a new JVM (see {@link #launch}); output to {@code log}, or to this JVM's if null. */
    private static int exec(List<String> args, File log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-XX:StartFlightRecording") && !a.startsWith("-agent")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("govlens.jobs.GovLensCli");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (log == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(log);
        }
        return pb.start().waitFor();
    }

    private static long gcCount() {
        long c = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, g.getCollectionCount());
        }
        return c;
    }

    private static long gcMillis() {
        long c = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, g.getCollectionTime());
        }
        return c;
    }

    /** Bytes under each first-level folder of the warehouse (one folder per table, plus the run's own). */
    static Map<String, Long> folderSizes(Path wh) {
        Map<String, Long> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(wh)) {
            return out;
        }
        try (Stream<Path> top = Files.list(wh)) {
            for (Path t : top.toList()) {
                try (Stream<Path> all = Files.walk(t)) {
                    out.put(
                            t.getFileName().toString(),
                            all.filter(Files::isRegularFile)
                                    .mapToLong(f -> f.toFile().length())
                                    .sum());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Samples heap in use; a sampled peak misses short spikes between samples, hence also the pool peaks. */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            Runtime rt = Runtime.getRuntime();
            while (!isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
