package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.QuarantineReason;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw report files → documents, sections, sentences, duplicates and quarantine tables, incrementally.
 *
 * <p>An inventory of the inputs (Hadoop listing, so empty and hidden files are seen too) is compared with the
 * file state of earlier runs: a file already read with the same size, modification time and pipeline version
 * is skipped unread. The others are read through Spark's {@code binaryFile} source (files over
 * {@code govlens.ingest.max-file-bytes} are never read) and processed on the executors. A document whose
 * doc_id is already in the warehouse from the same pipeline version is recorded as a duplicate, not
 * processed again. Only the report_year partitions that receive new documents are rewritten (staged in the
 * run's {@link RunTransaction}, moved into place at commit). With {@code govlens.full-rebuild} the
 * warehouse state is ignored and every table is rebuilt.
 *
 * <p>Every listed file ends as exactly one document, duplicate or quarantine row.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  /**
   * What this run added: new documents with their sections and sentences (cached; later stages process only
   * these), their doc ids, the report years whose partitions are rewritten, and the full logical documents
   * table after the run.
   */
  public record Result(
      Dataset<Row> newDocuments,
      Dataset<Row> newSections,
      Dataset<Row> newSentences,
      Dataset<Row> newDocIds,
      List<Object> touchedYears,
      Dataset<Row> allDocuments) {
    /** This run's documents; on a first run or a full rebuild, all of them. */
    public Dataset<Row> documents() {
      return newDocuments;
    }

    /** This run's sections. */
    public Dataset<Row> sections() {
      return newSections;
    }

    /** This run's sentences. */
    public Dataset<Row> sentences() {
      return newSentences;
    }

    public void unpersist() {
      newDocuments.unpersist();
      newSections.unpersist();
      newSentences.unpersist();
    }
  }

  /** Ingest alone in its own committed transaction: for tools and tests that need only these tables. */
  public static Result run(SparkSession spark, GovLensConfig config, RunContext run) {
    RunTransaction.recover(spark, config.warehouse());
    RunTransaction tx = new RunTransaction(spark, config.warehouse(), run.runId());
    Result result = run(spark, config, run, tx);
    tx.commit();
    return result;
  }

  public static Result run(SparkSession spark, GovLensConfig config, RunContext run, RunTransaction tx) {
    String wh = config.warehouse();
    boolean full = config.fullRebuild();
    Dataset<Row> listing = InputInventory.list(spark, config.input()).cache();
    Dataset<Row> state = full ? Warehouse.empty(spark, Tables.FILE_STATE) : Warehouse.read(spark, wh, Tables.FILE_STATE);
    Dataset<Row> existingDocs = full ? Warehouse.empty(spark, Tables.DOCUMENTS) : Warehouse.read(spark, wh, Tables.DOCUMENTS);

    Dataset<Row> toRead = filesToRead(listing, state, run, config).cache();
    long nToRead = toRead.count();
    run.count("files_listed", listing.count());
    run.count("files_read", nToRead);
    Dataset<Row> processed = processFiles(spark, config, toRead, nToRead == run.counts().get("files_listed"))
        .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> candidates = rankCopies(processed.filter(col("doc_id").isNotNull()), existingDocs, run);
    Dataset<Row> fresh = candidates.filter(col("role").equalTo("new"));
    // Only the table's columns are cached: `fresh` also carries every section and sentence, i.e. the text
    // twice more. Sections are written once and counted, so they are not cached at all.
    Dataset<Row> newDocuments = WarehouseWriter.conform(documents(fresh, run), Tables.DOCUMENTS)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> newSections = sections(fresh);
    Dataset<Row> newSentences = sentences(fresh).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> newDocIds = newDocuments.select("doc_id");
    List<Object> touched = touchedYears(newDocuments, existingDocs);

    Dataset<Row> allDocuments = Warehouse.mergeByDoc(existingDocs, newDocuments, newDocIds, Tables.DOCUMENTS);
    Dataset<Row> newDuplicates = duplicates(candidates, run);
    Dataset<Row> newQuarantine = quarantine(spark, processed, listing, toRead, config, run);

    stagePerDocument(spark, tx, config, Tables.DOCUMENTS, newDocuments, newDocIds, touched);
    stagePerDocument(spark, tx, config, Tables.SECTIONS, newSections, newDocIds, touched);
    stagePerDocument(spark, tx, config, Tables.SENTENCES, newSentences, newDocIds, touched);
    // Paths decided in this run: their new rows replace what earlier runs recorded for them. When nothing was
    // read and no new file was rejected unread, these tables are left as committed (a no-op rerun rewrites
    // nothing).
    Dataset<Row> existingQuarantine =
        full ? Warehouse.empty(spark, Tables.QUARANTINE) : Warehouse.read(spark, wh, Tables.QUARANTINE);
    boolean changed = full || nToRead > 0 || !Warehouse.exists(spark, wh, Tables.FILE_STATE)
        || !newQuarantine.select("source_path").except(existingQuarantine.select("source_path")).isEmpty();
    if (changed) {
      Dataset<Row> readPaths = toRead.select(col("path").as("source_path"))
          .union(newQuarantine.select("source_path")).distinct();
      tx.replaceTable(Tables.DUPLICATES, replaceByPath(
          full ? Warehouse.empty(spark, Tables.DUPLICATES) : Warehouse.read(spark, wh, Tables.DUPLICATES),
          newDuplicates, readPaths, Tables.DUPLICATES));
      tx.replaceTable(Tables.QUARANTINE, replaceByPath(existingQuarantine, newQuarantine, readPaths,
          Tables.QUARANTINE));
      tx.replaceTable(Tables.FILE_STATE, fileState(state, listing, toRead, candidates, newQuarantine, run));
    }

    run.count("documents_new", newDocuments.count());
    run.count("sections_new", newSections.count());
    run.count("sentences_new", newSentences.count());
    run.count("duplicates_new", newDuplicates.count());
    run.count("quarantine_new", newQuarantine.count());
    processed.unpersist();
    toRead.unpersist();
    listing.unpersist();
    LOG.info("ingest: {} files listed, {} read; {} new documents ({} sections, {} sentences), {} duplicates, "
            + "{} quarantined; report years rewritten: {}",
        run.counts().get("files_listed"), nToRead, run.counts().get("documents_new"),
        run.counts().get("sections_new"), run.counts().get("sentences_new"),
        run.counts().get("duplicates_new"), run.counts().get("quarantine_new"), touched);
    return new Result(newDocuments, newSections, newSentences, newDocIds, touched, allDocuments);
  }

  /**
   * Listed files that must be read: not hidden, not empty, not too large, and not already read with the same
   * size, modification time and pipeline version.
   */
  static Dataset<Row> filesToRead(Dataset<Row> listing, Dataset<Row> state, RunContext run, GovLensConfig config) {
    Dataset<Row> unchanged = state.filter(col("pipeline_version").equalTo(run.pipelineVersion()))
        .select(col("path"), col("length").as("s_length"), col("modification_time").as("s_mtime"));
    return listing.filter(not(col("hidden")).and(col("length").gt(0))
            .and(col("length").leq(config.maxFileBytes())))
        .join(unchanged, listing.col("path").equalTo(unchanged.col("path"))
            .and(col("length").equalTo(col("s_length")))
            .and(col("modification_time").equalTo(col("s_mtime"))), "left_anti");
  }

  /**
   * Per-document table in an incremental run: only the partitions of touched years are rewritten, each with
   * its committed rows of other documents plus this run's rows. A full rebuild writes the table whole.
   */
  static void stagePerDocument(SparkSession spark, RunTransaction tx, GovLensConfig config, TableDef table,
      Dataset<Row> fresh, Dataset<Row> newDocIds, List<Object> touched) {
    if (config.fullRebuild() || !Warehouse.exists(spark, config.warehouse(), table)) {
      tx.replaceTable(table, fresh);
      return;
    }
    Dataset<Row> merged = Warehouse.mergeByDoc(
        Warehouse.read(spark, config.warehouse(), table), fresh, newDocIds, table);
    tx.replacePartitions(table, merged, touched);
  }

  /** Report years of new documents, plus the old years of documents they replace (version upgrades). */
  static List<Object> touchedYears(Dataset<Row> newDocuments, Dataset<Row> existingDocs) {
    Dataset<Row> years = newDocuments.select("report_year")
        .union(existingDocs.join(newDocuments.select("doc_id"), "doc_id").select("report_year"))
        .distinct();
    List<Object> out = new ArrayList<>();
    for (Row r : years.collectAsList()) {
      out.add(r.isNullAt(0) ? null : r.get(0));
    }
    return out;
  }

  /**
   * Rows of files read in this run replace what earlier runs recorded for the same paths (for a record
   * corpus, for every record of the file: source_path is file#id).
   */
  static Dataset<Row> replaceByPath(Dataset<Row> existing, Dataset<Row> fresh, Dataset<Row> readPaths,
      TableDef table) {
    Dataset<Row> kept = existing.withColumn("file_path", regexp_replace(col("source_path"), "#[^/]*$", ""))
        .join(readPaths.select(col("source_path").as("file_path")), "file_path", "left_anti");
    return kept.select(Warehouse.columns(table)).unionByName(WarehouseWriter.conform(fresh, table));
  }

  /** Earlier state of unread files, plus what became of each file read now. */
  static Dataset<Row> fileState(Dataset<Row> state, Dataset<Row> listing, Dataset<Row> toRead,
      Dataset<Row> candidates, Dataset<Row> quarantine, RunContext run) {
    Dataset<Row> docOutcome = candidates.select(col("source_path").as("path"),
        when(col("role").equalTo("new"), lit("document")).otherwise(lit("duplicate")).as("outcome"),
        col("doc_id"));
    Dataset<Row> quarantined = quarantine.select(col("source_path").as("path"), lit("quarantine").as("outcome"),
        lit(null).cast("string").as("doc_id"));
    Dataset<Row> recordFiles = toRead.filter(col("path").rlike(RECORD_FILE_PATTERN))
        .select(col("path"), lit("records").as("outcome"), lit(null).cast("string").as("doc_id"));
    Dataset<Row> now = docOutcome.unionByName(quarantined).unionByName(recordFiles)
        .join(listing.select("path", "length", "modification_time"), "path")
        .withColumn("pipeline_version", lit(run.pipelineVersion()))
        .withColumn("run_id", lit(run.runId()));
    Dataset<Row> keep = state.join(now.select("path"), "path", "left_anti");
    return keep.select(Warehouse.columns(Tables.FILE_STATE))
        .unionByName(WarehouseWriter.conform(now, Tables.FILE_STATE));
  }

  /**
   * Reads and processes the given files. When every listed file is to be read (first run, full rebuild) the
   * input roots are loaded as folders; otherwise the changed paths one by one.
   */
  static Dataset<Row> processFiles(SparkSession spark, GovLensConfig config, Dataset<Row> toRead, boolean all) {
    List<String> toReadPaths = toRead.select("path").as(Encoders.STRING()).collectAsList();
    List<String> recordFiles = toReadPaths.stream().filter(RecordCorpora::isRecordFile).toList();
    String[] paths = all ? config.input().toArray(new String[0])
        : toReadPaths.stream().filter(p -> !RecordCorpora.isRecordFile(p)).toArray(String[]::new);
    Dataset<Row> records = RecordCorpora.process(spark, recordFiles, config.extensions(), config.minChars(),
        config.parseTimeout(), config.maxChars());
    if (paths.length == 0) {
      return records;
    }
    // The length filter is pushed into the binaryFile source: content of larger files is never read.
    Dataset<Row> files = spark.read().format("binaryFile")
        .option("recursiveFileLookup", "true")
        .load(paths)
        .filter(col("length").leq(config.maxFileBytes()))
        .filter(not(col("path").rlike(RECORD_FILE_PATTERN)))
        .select("path", "length", "content");
    // Spreads the files over all cores, a few tasks per core so one long report does not hold up the stage.
    return files.repartition(4 * spark.sparkContext().defaultParallelism())
        .mapPartitions(new ProcessFiles(config.extensions(), config.minChars(), config.parseTimeout(),
            config.maxChars()), Encoders.row(ProcessFiles.PROCESSED))
        .unionByName(records);
  }

  static final String RECORD_FILE_PATTERN = "(?i)\\.(jsonl|ndjson|csv|parquet)$";

  /**
   * Decides the role of each processed document: "new" for the canonical copy (smallest path) of a doc_id not
   * yet in the warehouse with this pipeline version, "duplicate" for other copies; a duplicate's
   * canonical_path is the committed document's path, or the canonical copy's.
   */
  static Dataset<Row> rankCopies(Dataset<Row> docs, Dataset<Row> existingDocs, RunContext run) {
    Dataset<Row> committed = existingDocs.filter(col("pipeline_version").equalTo(run.pipelineVersion()))
        .select(col("doc_id").as("c_doc_id"), col("source_path").as("c_path"));
    Dataset<Row> ranked = docs
        .withColumn("copy_rank", row_number().over(Window.partitionBy("doc_id").orderBy(col("source_path"))))
        .withColumn("first_path", functions.first(col("source_path")).over(
            Window.partitionBy("doc_id").orderBy(col("source_path"))));
    return ranked.join(committed, ranked.col("doc_id").equalTo(committed.col("c_doc_id")), "left")
        // The committed document's own file read again (touched, same text) is neither new nor a copy.
        .filter(col("c_path").isNull().or(col("c_path").notEqual(col("source_path"))))
        .withColumn("role", when(col("c_path").isNull().and(col("copy_rank").equalTo(1)), lit("new"))
            .otherwise(lit("duplicate")))
        .withColumn("canonical_path", coalesce(col("c_path"), col("first_path")))
        .drop("c_doc_id", "c_path", "first_path");
  }

  static Dataset<Row> documents(Dataset<Row> fresh, RunContext run) {
    return fresh
        .withColumn("pipeline_version", lit(run.pipelineVersion()))
        .withColumn("run_id", lit(run.runId()))
        .withColumn("ingested_at", lit(run.startedAt()));
  }

  static Dataset<Row> duplicates(Dataset<Row> candidates, RunContext run) {
    return candidates.filter(col("role").equalTo("duplicate"))
        .select("doc_id", "source_path", "encoding", "canonical_path")
        .withColumn("run_id", lit(run.runId()));
  }

  static Dataset<Row> sections(Dataset<Row> fresh) {
    return fresh.select(col("doc_id"), col("report_year"), explode(col("sections")).as("s"))
        .select(col("doc_id"), col("s.*"), col("report_year"));
  }

  static Dataset<Row> sentences(Dataset<Row> fresh) {
    return fresh.select(col("doc_id"), col("report_year"), explode(col("sentences")).as("s"))
        .select(col("doc_id"), col("s.*"), col("report_year"));
  }

  /**
   * Files that did not become documents: those the processor rejected, plus those the inventory rules out
   * before reading (hidden, empty, too large), plus any listed file the reader did not return (it vanished or
   * changed during the run), so that every listed file is accounted for.
   */
  static Dataset<Row> quarantine(SparkSession spark, Dataset<Row> processed, Dataset<Row> listing,
      Dataset<Row> toRead, GovLensConfig config, RunContext run) {
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
    // Rejected before reading; files of an earlier run keep their committed quarantine rows.
    Dataset<Row> notRead = listing.withColumn("reason", reason).filter(col("reason").isNotNull())
        .select(col("path").as("source_path"), callUDF("govlens_format", col("path")).as("source_format"),
            col("length"), col("reason"), detail.as("detail"));
    Dataset<Row> lost = toRead.filter(not(col("path").rlike(RECORD_FILE_PATTERN)))
        .join(processed.select(col("source_path").as("path")), "path", "left_anti")
        .select(col("path").as("source_path"), callUDF("govlens_format", col("path")).as("source_format"),
            col("length"), lit(QuarantineReason.UNREADABLE).as("reason"),
            lit("listed but not returned by the reader: removed or changed during the run").as("detail"));
    return rejected.unionByName(notRead).unionByName(lost).withColumn("run_id", lit(run.runId()));
  }
}
