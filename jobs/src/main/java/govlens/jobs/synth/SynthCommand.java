package govlens.jobs.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens synth}: writes a synthetic corpus of rule-of-law reports built from real report text (see
 * {@link SynthCorpus} for what is drawn and rewritten). For benchmarks and load tests only.
 *
 * <p>Deterministic: the same material, {@code --seed} and index range give byte-identical files, whatever
 * the thread count. {@code --start} lets a nightly increment continue a corpus with new reports (indices
 * start..start+docs-1) instead of regenerating the same ones. Files are written in parallel on all cores.
 */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = "Generate a synthetic corpus of reports from real report sections (benchmarks only).")
public final class SynthCommand implements Callable<Integer> {
    /** Material used when --sources is not given; absent paths are skipped. */
    public static final List<String> DEFAULT_SOURCES = List.of("data/sample", "../shared/corpus/external");

    @Option(names = "--docs", required = true, description = "number of reports to write")
    int docs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created)")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--start",
            defaultValue = "0",
            description = "index of the first report, to extend a corpus (default: ${DEFAULT-VALUE})")
    int start;

    @Option(
            names = "--sources",
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "real reports to cut (files or folders; default: data/sample and ../shared/corpus/external, relative to the working directory (the project root))")
    List<Path> sources;

    /** Standalone entry, for use before the command is registered in GovLensCli. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new SynthCommand()).execute(args));
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        SynthCorpus corpus = SynthCorpus.fromSources(
                sources != null
                        ? sources
                        : DEFAULT_SOURCES.stream().map(Path::of).toList());
        Summary s = write(corpus, out, seed, start, docs);
        double secs = (System.nanoTime() - t0) / 1e9;
        int[] pools = corpus.poolSizes();
        System.out.printf(
                Locale.ROOT,
                "synth: %d reports, %.1f MB, %.0f chars/report on average, %s → %s in %.1f s "
                        + "(material: %d achievement blocks, %d problem blocks, %d plan blocks)%n",
                docs,
                s.bytes() / 1e6,
                s.chars() / (double) Math.max(1, docs),
                s.formats(),
                out,
                secs,
                pools[0],
                pools[1],
                pools[2]);
        return 0;
    }

    /** What {@link #write} wrote: total bytes, total characters, count per format/encoding. */
    public record Summary(long bytes, long chars, Map<String, Long> formats) {}

    /** Writes reports {@code start .. start+docs-1} of {@code seed} into {@code dir}, in parallel. */
    public static Summary write(SynthCorpus corpus, Path dir, long seed, int start, int docs) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        AtomicLong bytes = new AtomicLong();
        AtomicLong chars = new AtomicLong();
        Map<String, Long> formats = new TreeMap<>();
        IntStream.range(start, start + docs).parallel().forEach(i -> {
            SynthCorpus.Doc d = corpus.generate(seed, i);
            try {
                Files.write(dir.resolve(d.fileName()), d.bytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + d.fileName(), e);
            }
            bytes.addAndGet(d.bytes().length);
            chars.addAndGet(d.text().length());
            synchronized (formats) {
                formats.merge(d.format() + "/" + d.encoding(), 1L, Long::sum);
            }
        });
        return new Summary(bytes.get(), chars.get(), formats);
    }
}
