package govlens.jobs.bench;

import govlens.jobs.analytics.TokenizeSentences;

import govlens.jobs.Sessions;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.synth.SynthCommand;
import govlens.jobs.synth.SynthCorpus;
import govlens.lib.nlp.TokenFilter;
import govlens.lib.nlp.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code govlens bench tokenize}: HanLP tokenization as the analytics stage runs it on Spark, against the
 * plain single-thread loop, in one JVM after warm-up (JVM start, dictionary load and JIT excluded).
 *
 * <p>Input: {@code --mb} MB (UTF-8 bytes) of synthetic report text ({@link SynthCorpus}, seed fixed) split
 * into sentences at 。!?; and line ends, as the sentence table holds them. Measured, each as chars/s:
 * <ol>
 *   <li>baseline: {@code Tokenizer.fromClasspath().tokenize} over every sentence on one thread;
 *   <li>plain Java on {@code --threads} threads (default: available cores), to show what the hardware and
 *       HanLP allow without Spark;
 *   <li>Spark, rows as the job emits them: mapPartitions over a cached sentence Dataset producing one row per
 *       token (the schema of the analytics token table), forced with count();
 *   <li>Spark, counts only: the same partitions returning one token count each, which isolates the cost of
 *       per-token rows.
 * </ol>
 * Prints one line per measurement with its ratio to the baseline; the last line is {@code speedup=X.XX}
 * (Spark with rows over the baseline), the figure the goal (≥ 1.7× on 2 cores) refers to.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Spark tokenize stage against a single-thread HanLP loop (chars/s, speedup).")
public final class TokenizeBench implements Callable<Integer> {
  @Option(names = "--mb", defaultValue = "50", description = "MB of UTF-8 report text (default: ${DEFAULT-VALUE})")
  double mb;

  @Option(names = "--partitions", defaultValue = "0",
      description = "sentence partitions for Spark; 0 = 4 per core (default: ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--threads", defaultValue = "0",
      description = "threads of the plain-Java run; 0 = available cores (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE})")
  String master;

  @Option(names = "--sources", arity = "1..*", paramLabel = "PATH",
      description = "real reports for the generator (default: data/sample and the external corpus)")
  List<Path> sources;

  @Option(names = "--seed", defaultValue = "1", description = "generator seed (default: ${DEFAULT-VALUE})")
  long seed;

  /** Standalone entry, for use before the command is registered in GovLensCli. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new TokenizeBench()).execute(args));
  }

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。!?;！？；])|\\n+");

  static final StructType SENTENCES = new StructType()
      .add("doc_id", DataTypes.StringType, false)
      .add("section_id", DataTypes.StringType, false)
      .add("idx", DataTypes.IntegerType, false)
      .add("text", DataTypes.StringType, false)
      .add("char_start", DataTypes.IntegerType, false)
      .add("report_year", DataTypes.IntegerType, true);

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    List<Row> rows = sentences();
    long chars = 0;
    for (Row r : rows) {
      chars += r.getString(3).length();
    }
    System.out.printf(Locale.ROOT, "input: %.1f MB, %d sentences, %d chars; cores=%d; %s%n", mb, rows.size(), chars,
        cores, Load.now());

    // Warm-up: dictionary load and JIT of the segmenter on a slice, outside every timing.
    Tokenizer tok = Tokenizer.fromClasspath();
    for (int i = 0; i < Math.min(rows.size(), 30_000); i++) {
      tok.tokenize(rows.get(i).getString(3));
    }

    Cpu c = new Cpu();
    long t0 = System.nanoTime();
    long tokens = 0;
    for (Row r : rows) {
      tokens += tok.tokenize(r.getString(3)).size();
    }
    double base = chars / ((System.nanoTime() - t0) / 1e9);
    double baseCpu = c.charsPerCpuSecond(chars);
    System.out.printf(Locale.ROOT, "baseline  single-thread loop   %,12.0f chars/s  tokens=%d  %s  %s%n", base, tokens,
        c.report(chars), Load.now());

    int n = threads > 0 ? threads : cores;
    c = new Cpu();
    double java = plainJava(rows, n, chars);
    System.out.printf(Locale.ROOT, "java      %d threads            %,12.0f chars/s  x%.2f  %s  %s%n", n, java,
        java / base, c.report(chars), Load.now());

    GovLensConfig config = GovLensConfig.defaults();
    SparkSession spark = Sessions.build(config, master);
    try {
      int p = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
      Dataset<Row> ds = spark.createDataFrame(rows, SENTENCES).repartition(p).persist(StorageLevel.MEMORY_ONLY());
      ds.count();
      TokenFilter filter = TokenFilter.defaults();
      // Warm-up of the Spark code paths (codegen, task launch) on a sample.
      ds.sample(0.02, 1).mapPartitions(new TokenizeSentences(filter), Encoders.row(TokenizeSentences.OUTPUT)).count();

      c = new Cpu();
      t0 = System.nanoTime();
      long sparkTokens = ds.mapPartitions(new TokenizeSentences(filter), Encoders.row(TokenizeSentences.OUTPUT)).count();
      double sparkRows = chars / ((System.nanoTime() - t0) / 1e9);
      double rowsCpu = c.charsPerCpuSecond(chars);
      System.out.printf(Locale.ROOT, "spark     rows, %3d partitions  %,12.0f chars/s  x%.2f  tokens=%d  %s  %s%n", p,
          sparkRows, sparkRows / base, sparkTokens, c.report(chars), Load.now());

      c = new Cpu();
      t0 = System.nanoTime();
      long counted = 0;
      for (Long k : ds.mapPartitions(new CountTokens(), Encoders.LONG()).collectAsList()) {
        counted += k;
      }
      double sparkCount = chars / ((System.nanoTime() - t0) / 1e9);
      System.out.printf(Locale.ROOT, "spark     counts only          %,12.0f chars/s  x%.2f  tokens=%d  %s  %s%n",
          sparkCount, sparkCount / base, counted, c.report(chars), Load.now());
      ds.unpersist();
      // On a shared machine wall-clock ratios measure the neighbours too; CPU efficiency does not.
      System.out.printf(Locale.ROOT, "cpu efficiency spark-rows/baseline = %.2f (chars per CPU-second); "
          + "speedup if all %d cores were free ≈ %.2f%n", rowsCpu / baseCpu, cores, cores * rowsCpu / baseCpu);
      System.out.printf(Locale.ROOT, "speedup=%.2f%n", sparkRows / base);
    } finally {
      spark.stop();
    }
    return 0;
  }

  private List<Row> sentences() {
    SynthCorpus corpus = SynthCorpus.fromSources(sources != null ? sources
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
      for (String s : SENTENCE_END.split(d.text())) {
        String t = s.strip();
        if (!t.isEmpty()) {
          rows.add(RowFactory.create(docId, "s000", idx++, t, offset, d.reportYear()));
          have += t.getBytes(StandardCharsets.UTF_8).length;
        }
        offset += s.length();
      }
    }
    return rows;
  }

  private static double plainJava(List<Row> rows, int n, long chars) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      Tokenizer tok = Tokenizer.fromClasspath();
      long t0 = System.nanoTime();
      List<Future<Long>> fs = new ArrayList<>();
      int chunk = (rows.size() + n - 1) / n;
      for (int k = 0; k < n; k++) {
        List<Row> part = rows.subList(Math.min(rows.size(), k * chunk), Math.min(rows.size(), (k + 1) * chunk));
        fs.add(pool.submit(() -> {
          long c = 0;
          for (Row r : part) {
            c += tok.tokenize(r.getString(3)).size();
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
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
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

  /** Tokenizes a partition and returns only its token count: the Spark run without per-token rows. */
  static final class CountTokens implements MapPartitionsFunction<Row, Long> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Long> call(Iterator<Row> sentences) {
      Tokenizer tok = Tokenizer.fromClasspath();
      long c = 0;
      while (sentences.hasNext()) {
        c += tok.tokenize(sentences.next().getString(3)).size();
      }
      return List.of(c).iterator();
    }
  }
}
