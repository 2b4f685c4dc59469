package govlens.jobs.bench;

import govlens.jobs.Sessions;
import govlens.jobs.analytics.AnalyzeDocuments;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.ingest.IngestJob;
import govlens.jobs.synth.SynthCommand;
import govlens.jobs.synth.SynthCorpus;
import govlens.lib.nlp.DocumentAnalyzer;
import govlens.lib.nlp.TokenFilter;
import govlens.lib.nlp.Tokenizer;
import govlens.lib.text.Punctuation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens bench tokenize}: the analytics stage's tokenization as the job runs it on Spark, against a
 * plain single-thread HanLP loop, in one JVM after warm-up (JVM start, dictionary load and JIT excluded).
 *
 * <p>Input: {@code --mb} MB (UTF-8 bytes) of synthetic report text ({@link SynthCorpus}, seed fixed), one
 * row per document with its sentences (split at 。!?; and line ends), as the stage receives them. Measured,
 * each as chars/s:
 * <ol>
 *   <li>baseline: HanLP's segmenter with its default recognizers, the domain dictionary and number merging
 *       ({@link Tokenizer#reference()}), over every sentence on one thread;
 *   <li>plain Java on {@code --threads} threads (default: available cores) with the pipeline's segmenter, to
 *       show what the hardware and HanLP allow without Spark;
 *   <li>tokenize on Spark: the pass's first step alone ({@link AnalyzeDocuments#tokensOnly}), the tokens of
 *       every sentence as arrays written to Parquet, what the tokenize stage was before the analysis became
 *       one pass;
 *   <li>the whole pass: {@link AnalyzeDocuments} over the documents (tokens as per-sentence arrays, term
 *       counts, TextRank, units) written to Parquet, as the analytics stage writes its per-document result.
 * </ol>
 * Then, untimed, the stage's tokens are read back and compared, document by document, with the baseline's.
 * Documents where raw HanLP loses characters (its output does not cover the sentence, see {@link
 * Tokenizer#coversText}) differ by design, because the pipeline segments those sentences again; the line
 * {@code identical=true} says no other document differs, i.e. the pipeline's segmenter settings (translated-name
 * recognition off) changed no token. The last line is
 * {@code speedup=X.XX} (tokenize on Spark over the baseline), the figure the goal (≥ 1.7× on 2 cores) refers
 * to; the line before it gives the whole pass's.
 */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = "Spark tokenize stage against a single-thread HanLP loop (chars/s, speedup).")
public final class TokenizeBench implements Callable<Integer> {
    @Option(names = "--mb", defaultValue = "50", description = "MB of UTF-8 report text (default: ${DEFAULT-VALUE})")
    double mb;

    @Option(
            names = "--partitions",
            defaultValue = "0",
            description = "document partitions for Spark; 0 = 4 per core (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "threads of the plain-Java run; 0 = available cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master;

    @Option(
            names = "--sources",
            arity = "1..*",
            paramLabel = "PATH",
            description = "real reports for the generator (default: data/sample and the external corpus)")
    List<Path> sources;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    /** Standalone entry, for use before the command is registered in GovLensCli. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new TokenizeBench()).execute(args));
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[" + Punctuation.SEMICOLON_END + "])|\\n+");

    static final StructType SENTENCE = (StructType) ((org.apache.spark.sql.types.ArrayType)
                    IngestJob.DOC_TEXT.apply("sentences").dataType())
            .elementType();

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Row> docs = documents();
        long chars = 0;
        long nSentences = 0;
        for (Row d : docs) {
            for (Row s : d.<Row>getList(7)) {
                chars += s.getString(2).length();
                nSentences++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "input: %.1f MB, %d documents, %d sentences, %d chars; cores=%d; %s%n",
                mb,
                docs.size(),
                nSentences,
                chars,
                cores,
                Load.now());

        // Warm-up: dictionary load and JIT of both segmenters on a slice, outside every timing.
        com.hankcs.hanlp.seg.Segment reference = Tokenizer.reference();
        Tokenizer tok = Tokenizer.fromClasspath();
        for (int i = 0; i < Math.min(docs.size(), 300); i++) {
            for (Row s : docs.get(i).<Row>getList(7)) {
                reference.seg(s.getString(2));
                tok.tokenize(s.getString(2));
            }
        }

        Cpu c = new Cpu();
        long t0 = System.nanoTime();
        long tokens = 0;
        java.util.Map<String, Long> expected = new java.util.HashMap<>();
        for (Row d : docs) {
            long h = 1;
            for (Row s : d.<Row>getList(7)) {
                int offset = s.getInt(3);
                for (com.hankcs.hanlp.seg.common.Term t : reference.seg(s.getString(2))) {
                    if (!t.word.isBlank()) {
                        h = 31 * h + (t.word + "/" + t.nature + "@" + (offset + t.offset)).hashCode();
                        tokens++;
                    }
                }
            }
            expected.put(d.getString(0), h);
        }
        double base = chars / ((System.nanoTime() - t0) / 1e9);
        double baseCpu = c.charsPerCpuSecond(chars);
        System.out.printf(
                Locale.ROOT,
                "baseline  single-thread loop   %,12.0f chars/s  tokens=%d  %s  %s%n",
                base,
                tokens,
                c.report(chars),
                Load.now());

        int n = threads > 0 ? threads : cores;
        c = new Cpu();
        double plain = plainJava(docs, n, chars);
        System.out.printf(
                Locale.ROOT,
                "java      %d threads            %,12.0f chars/s  x%.2f  %s  %s%n",
                n,
                plain,
                plain / base,
                c.report(chars),
                Load.now());

        GovLensConfig config = GovLensConfig.defaults();
        SparkSession spark = Sessions.build(config, master);
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("govlens-bench-tokenize");
        try {
            int p = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
            Dataset<Row> ds = spark.createDataFrame(docs, IngestJob.DOC_TEXT)
                    .repartition(p)
                    .persist(StorageLevel.MEMORY_ONLY());
            ds.count();
            AnalyzeDocuments fn = new AnalyzeDocuments(
                    TokenFilter.fromConfig(config.tokens()),
                    new DocumentAnalyzer.Settings(
                            config.keywordsTopK(), config.topics().unit, config.topics().chunkChars));
            // Warm-up of the Spark code paths (codegen, task launch, Parquet writer) on a sample.
            write(ds.sample(0.02, 1).mapPartitions(fn, Encoders.row(AnalyzeDocuments.OUTPUT)), out.resolve("warm"));
            write(
                    ds.sample(0.02, 1).map(fn.tokensOnly(), Encoders.row(AnalyzeDocuments.TOKENS_ONLY)),
                    out.resolve("warm-tokens"));

            double[] tokenStep = timedWrite(
                    String.format(Locale.ROOT, "tokenize, %3d parts  ", p),
                    ds.map(fn.tokensOnly(), Encoders.row(AnalyzeDocuments.TOKENS_ONLY)),
                    out.resolve("tokens"),
                    chars,
                    base);
            double[] stage = timedWrite(
                    String.format(Locale.ROOT, "whole pass, %3d parts", p),
                    ds.mapPartitions(fn, Encoders.row(AnalyzeDocuments.OUTPUT)),
                    out.resolve("analysis"),
                    chars,
                    base);
            ds.unpersist();

            List<String> mismatched = new ArrayList<>();
            long stageTokens = 0;
            for (Row r : spark.read()
                    .parquet(out.resolve("analysis").toString())
                    .map(new TokenDigest(), Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
                    .toDF("doc", "h")
                    .join(
                            spark.read()
                                    .parquet(out.resolve("analysis").toString())
                                    .selectExpr(
                                            "doc_id as doc",
                                            "aggregate(sentences, 0L, (a, s) -> a + size(s.tokens)) as n"),
                            "doc")
                    .collectAsList()) {
                stageTokens += r.getLong(2);
                if (!expected.get(r.getString(0)).equals(r.getLong(1))) {
                    mismatched.add(r.getString(0));
                }
            }
            // Where raw HanLP loses characters the pipeline segments again (Tokenizer), so those documents
            // must differ; any other difference would be a real change of segmentation.
            long lossy = lossyBaseline(reference, docs, mismatched);
            System.out.printf(
                    Locale.ROOT,
                    "check     tokens=%d (baseline %d)  documents differing from the baseline: %d, of which %d where "
                            + "raw HanLP loses characters and the pipeline re-segments; other differences: %d%n",
                    stageTokens,
                    tokens,
                    mismatched.size(),
                    lossy,
                    mismatched.size() - lossy);
            System.out.printf(
                    Locale.ROOT,
                    "identical=%b (every document equal, or different only where raw HanLP loses text)%n",
                    lossy == mismatched.size());
            // On a shared machine wall-clock ratios measure the neighbours too; CPU efficiency does not.
            System.out.printf(
                    Locale.ROOT,
                    "cpu efficiency vs baseline (chars per CPU-second): tokenize %.2f, whole pass %.2f; "
                            + "speedup if all %d cores were free ≈ %.2f and %.2f%n",
                    tokenStep[1] / baseCpu,
                    stage[1] / baseCpu,
                    cores,
                    cores * tokenStep[1] / baseCpu,
                    cores * stage[1] / baseCpu);
            System.out.printf(
                    Locale.ROOT,
                    "whole per-document pass (tokens, counts, TextRank, units): speedup=%.2f%n",
                    stage[0] / base);
            System.out.printf(
                    Locale.ROOT, "goal: tokenize on Spark >= 1.70 on 2 cores; speedup=%.2f%n", tokenStep[0] / base);
        } finally {
            spark.stop();
            deleteTree(out);
        }
        return 0;
    }

    /** How many of the given documents have a sentence whose raw HanLP segmentation does not cover its text. */
    private static long lossyBaseline(com.hankcs.hanlp.seg.Segment reference, List<Row> docs, List<String> docIds) {
        java.util.Set<String> wanted = new java.util.HashSet<>(docIds);
        long n = 0;
        for (Row d : docs) {
            if (!wanted.contains(d.getString(0))) {
                continue;
            }
            for (Row s : d.<Row>getList(7)) {
                if (!Tokenizer.coversText(s.getString(2), reference.seg(s.getString(2)))) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** Writes {@code rows} and prints its line; returns {chars per second, chars per CPU-second}. */
    private static double[] timedWrite(
            String label, Dataset<Row> rows, java.nio.file.Path dir, long chars, double base) {
        Cpu c = new Cpu();
        long t0 = System.nanoTime();
        write(rows, dir);
        double rate = chars / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "spark     %s %,12.0f chars/s  x%.2f  %s  %s%n",
                label,
                rate,
                rate / base,
                c.report(chars),
                Load.now());
        return new double[] {rate, c.charsPerCpuSecond(chars)};
    }

    private static void write(Dataset<Row> rows, java.nio.file.Path dir) {
        rows.write().mode(org.apache.spark.sql.SaveMode.Overwrite).parquet(dir.toString());
    }

    private static void deleteTree(java.nio.file.Path p) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(p)) {
            for (java.nio.file.Path f :
                    files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(f);
            }
        }
    }

    /** The baseline's digest of a document's tokens, from the stage's per-sentence arrays. */
    static final class TokenDigest
            implements org.apache.spark.api.java.function.MapFunction<Row, scala.Tuple2<String, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public scala.Tuple2<String, Long> call(Row doc) {
            List<Row> sentences = new ArrayList<>(doc.<Row>getList(doc.fieldIndex("sentences")));
            sentences.sort(java.util.Comparator.comparingInt(s -> s.getInt(1)));
            long h = 1;
            for (Row s : sentences) {
                List<String> t = s.getList(2);
                List<String> pos = s.getList(3);
                List<Integer> starts = s.getList(4);
                for (int i = 0; i < t.size(); i++) {
                    h = 31 * h + (t.get(i) + "/" + pos.get(i) + "@" + starts.get(i)).hashCode();
                }
            }
            return new scala.Tuple2<>(doc.getString(0), h);
        }
    }

    private List<Row> documents() {
        SynthCorpus corpus = SynthCorpus.fromSources(
                sources != null
                        ? sources
                        : SynthCommand.DEFAULT_SOURCES.stream().map(Path::of).toList());
        long want = (long) (mb * 1_000_000);
        long have = 0;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; have < want; i++) {
            SynthCorpus.Doc d = corpus.generate(seed, i);
            if (!d.format().equals("txt")) {
                continue; // markup is not report text
            }
            String docId = "d" + i;
            int idx = 0;
            int offset = 0;
            List<Row> sentences = new ArrayList<>();
            for (String s : SENTENCE_END.split(d.text())) {
                String t = s.strip();
                if (!t.isEmpty()) {
                    int start = offset + s.indexOf(t);
                    sentences.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                            new Object[] {"s000", idx++, t, start, start + t.length()}, SENTENCE));
                    have += t.getBytes(StandardCharsets.UTF_8).length;
                }
                offset += s.length();
            }
            rows.add(new org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema(
                    new Object[] {
                        docId,
                        d.fileName(),
                        d.reportYear(),
                        null,
                        null,
                        null,
                        d.text(),
                        scala.collection.JavaConverters.asScalaBuffer(sentences).toSeq()
                    },
                    IngestJob.DOC_TEXT));
        }
        return rows;
    }

    private static double plainJava(List<Row> docs, int n, long chars) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            Tokenizer tok = Tokenizer.fromClasspath();
            long t0 = System.nanoTime();
            List<Future<Long>> fs = new ArrayList<>();
            int chunk = (docs.size() + n - 1) / n;
            for (int k = 0; k < n; k++) {
                List<Row> part = docs.subList(Math.min(docs.size(), k * chunk), Math.min(docs.size(), (k + 1) * chunk));
                fs.add(pool.submit(() -> {
                    long c = 0;
                    for (Row d : part) {
                        for (Row s : d.<Row>getList(7)) {
                            c += tok.tokenize(s.getString(2)).size();
                        }
                    }
                    return c;
                }));
            }
            for (Future<Long> f : fs) {
                f.get();
            }
            return chars / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /** Process CPU time over a phase: how many cores the phase really got, and chars per CPU-second. */
    private static final class Cpu {
        private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        final long cpu0 = OS.getProcessCpuTime();
        final long wall0 = System.nanoTime();

        double charsPerCpuSecond(long chars) {
            return chars / ((OS.getProcessCpuTime() - cpu0) / 1e9);
        }

        String report(long chars) {
            double cpu = (OS.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            return String.format(Locale.ROOT, "cores-used=%.2f cpu-eff=%,.0f chars/cpu-s", cpu / wall, chars / cpu);
        }
    }
}
