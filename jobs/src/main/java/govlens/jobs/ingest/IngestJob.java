package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.QuarantineReason;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw report files → documents, sections, sentences, duplicates and quarantine tables.
 *
 * <p>Bytes come through Spark's {@code binaryFile} source so listing and reading scale out; files over
 * {@code govlens.ingest.max-file-bytes} are only listed (the length filter is pushed into the source, their
 * content is never read) and quarantined. Every listed file ends as exactly one document, duplicate or
 * quarantine row. Hidden files (names starting with "." or "_") are skipped by Spark's file listing, as
 * Hadoop tools do.
 *
 * <p>The tables are overwritten as a whole: a rerun on the same input gives the same rows.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  /** The ingest tables of one run, cached; callers feed later stages from them and unpersist at the end. */
  public record Result(
      Dataset<Row> documents,
      Dataset<Row> sections,
      Dataset<Row> sentences,
      Dataset<Row> duplicates,
      Dataset<Row> quarantine) {
    public void unpersist() {
      documents.unpersist();
      sections.unpersist();
      sentences.unpersist();
    }
  }

  public static Result run(SparkSession spark, GovLensConfig config, RunContext run) {
    Dataset<Row> listing = InputInventory.list(spark, config.input()).cache();
    Dataset<Row> processed = processFiles(spark, config).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> docsWithCopies = processed.filter(col("doc_id").isNotNull());
    Dataset<Row> ranked = rankCopies(docsWithCopies);
    Dataset<Row> documents = documents(ranked, run).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> duplicates = duplicates(ranked, run);
    Dataset<Row> sections = sections(ranked).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> sentences = sentences(ranked).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> quarantine = quarantine(spark, processed, listing, config, run);

    String wh = config.warehouse();
    WarehouseWriter.write(documents, Tables.DOCUMENTS, wh);
    WarehouseWriter.write(sections, Tables.SECTIONS, wh);
    WarehouseWriter.write(sentences, Tables.SENTENCES, wh);
    WarehouseWriter.write(duplicates, Tables.DUPLICATES, wh);
    WarehouseWriter.write(quarantine, Tables.QUARANTINE, wh);
    run.count("documents", documents.count());
    run.count("sections", sections.count());
    run.count("sentences", sentences.count());
    run.count("duplicates", duplicates.count());
    run.count("quarantine", quarantine.count());
    processed.unpersist();
    listing.unpersist();
    LOG.info("ingest: {} documents, {} sections, {} sentences, {} duplicates, {} quarantined",
        run.counts().get("documents"), run.counts().get("sections"), run.counts().get("sentences"),
        run.counts().get("duplicates"), run.counts().get("quarantine"));
    return new Result(documents, sections, sentences, duplicates, quarantine);
  }

  static Dataset<Row> processFiles(SparkSession spark, GovLensConfig config) {
    // The length filter is pushed into the binaryFile source: content of larger files is never read.
    Dataset<Row> files = spark.read().format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(config.input().toArray(new String[0]))
        .filter(col("length").leq(config.maxFileBytes()))
        .select("path", "length", "content");
    // Spreads the files over all cores: a folder of a few large reports is otherwise a single task.
    return files.repartition(spark.sparkContext().defaultParallelism())
        .mapPartitions(new ProcessFiles(config.extensions(), config.minChars()),
            Encoders.row(ProcessFiles.PROCESSED));
  }

  /** copy_rank 1 is the canonical copy: the smallest path, so the choice does not depend on listing order. */
  static Dataset<Row> rankCopies(Dataset<Row> docs) {
    return docs.withColumn("copy_rank",
        row_number().over(Window.partitionBy("doc_id").orderBy(col("source_path"))));
  }

  static Dataset<Row> documents(Dataset<Row> ranked, RunContext run) {
    return ranked.filter(col("copy_rank").equalTo(1))
        .withColumn("pipeline_version", lit(run.pipelineVersion()))
        .withColumn("run_id", lit(run.runId()))
        .withColumn("ingested_at", lit(run.startedAt()));
  }

  static Dataset<Row> duplicates(Dataset<Row> ranked, RunContext run) {
    Dataset<Row> canonical = ranked.filter(col("copy_rank").equalTo(1))
        .select(col("doc_id"), col("source_path").as("canonical_path"));
    return ranked.filter(col("copy_rank").gt(1))
        .select("doc_id", "source_path", "encoding")
        .join(canonical, "doc_id")
        .withColumn("run_id", lit(run.runId()));
  }

  static Dataset<Row> sections(Dataset<Row> ranked) {
    return ranked.filter(col("copy_rank").equalTo(1))
        .select(col("doc_id"), col("report_year"), explode(col("sections")).as("s"))
        .select(col("doc_id"), col("s.*"), col("report_year"));
  }

  static Dataset<Row> sentences(Dataset<Row> ranked) {
    return ranked.filter(col("copy_rank").equalTo(1))
        .select(col("doc_id"), col("report_year"), explode(col("sentences")).as("s"))
        .select(col("doc_id"), col("s.*"), col("report_year"));
  }

  /**
   * Files that did not become documents: those the processor rejected, plus those the inventory rules out
   * before reading (hidden, empty, too large), plus any listed file the reader did not return (it vanished or
   * changed during the run), so that every listed file is accounted for.
   */
  static Dataset<Row> quarantine(
      SparkSession spark, Dataset<Row> processed, Dataset<Row> listing, GovLensConfig config, RunContext run) {
    spark.udf().register("govlens_format", (UDF1<String, String>) DocumentProcessor::formatOf,
        DataTypes.StringType);
    Dataset<Row> rejected = processed.filter(col("reason").isNotNull())
        .select("source_path", "source_format", "length", "reason", "detail");
    Column reason = when(col("hidden"), lit(QuarantineReason.HIDDEN))
        .when(col("length").equalTo(0), lit(QuarantineReason.EMPTY))
        .when(col("length").gt(config.maxFileBytes()), lit(QuarantineReason.TOO_LARGE));
    Column detail = when(col("hidden"), lit("name starts with . or _ (Hadoop's hidden files); not read"))
        .when(col("length").equalTo(0), lit("0 bytes"))
        .otherwise(concat(lit("larger than govlens.ingest.max-file-bytes="), lit(config.maxFileBytes())));
    Dataset<Row> notRead = listing.withColumn("reason", reason).filter(col("reason").isNotNull())
        .select(col("path").as("source_path"), callUDF("govlens_format", col("path")).as("source_format"),
            col("length"), col("reason"), detail.as("detail"));
    Dataset<Row> lost = listing.withColumn("reason", reason)
        .filter(col("reason").isNull())
        .join(processed.select(col("source_path").as("path")), "path", "left_anti")
        .select(col("path").as("source_path"), callUDF("govlens_format", col("path")).as("source_format"),
            col("length"), lit(QuarantineReason.UNREADABLE).as("reason"),
            lit("listed but not returned by the reader: removed or changed during the run").as("detail"));
    return rejected.unionByName(notRead).unionByName(lost).withColumn("run_id", lit(run.runId()));
  }
}
