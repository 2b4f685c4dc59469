package govlens.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

import govlens.jobs.RunContext;
import govlens.jobs.config.GovLensConfig;
import govlens.jobs.state.DocState;
import govlens.jobs.state.PriorState;
import govlens.jobs.state.StageFingerprints;
import govlens.jobs.state.StageFingerprints.Stage;
import govlens.jobs.warehouse.RunTransaction;
import govlens.jobs.warehouse.TableDef;
import govlens.jobs.warehouse.Tables;
import govlens.jobs.warehouse.Warehouse;
import govlens.jobs.warehouse.WarehouseWriter;
import govlens.lib.pipeline.DocumentProcessor;
import govlens.lib.pipeline.QuarantineReason;
import govlens.lib.text.Sentence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw report files → documents, sections, sentences, duplicates and quarantine tables, incrementally.
 *
 * <p>The inputs are listed (Hadoop listing, so empty and hidden files are seen too) and compared, on the
 * driver, with the file state of earlier runs: a file already read with the same size, modification time and
 * ingest fingerprint ({@link StageFingerprints}) is skipped unread. The others are read through Spark's
 * {@code binaryFile} source and processed on the executors, once; everything later in the stage works from
 * a small per-file summary on the driver and the processed rows (cached).
 *
 * <p>What a run decides per document: a new text is <em>written</em> (its rows appended); a committed
 * document whose ingest fingerprint is stale and whose file is read again is written again (its old rows
 * deleted first); a committed document no input refers to any more — its file changed, or it was removed and
 * {@code govlens.prune} is on — is <em>removed</em> from every table. Without prune, documents whose files
 * disappeared stay (corpora are append-only). A copy of a document that is already in the warehouse is a
 * duplicate. When a table of the stage is missing or unreadable, or on a full rebuild, every input is read
 * and the tables are written whole.
 *
 * <p>Every listed file ends as exactly one document, duplicate or quarantine row; each processing step that
 * throws on a document becomes an errors row (the document goes on with that step's fallback).
 */
public final class IngestJob {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

    /** Segment of the per-document files this stage appends (see RunTransaction). */
    static final String SEGMENT = "docs";

    /** Tables this stage owns; if any cannot be merged into, every input is read again. */
    public static final List<TableDef> TABLES = List.of(
            Tables.DOCUMENTS,
            Tables.SECTIONS,
            Tables.SENTENCES,
            Tables.DUPLICATES,
            Tables.QUARANTINE,
            Tables.FILE_STATE,
            Tables.DOC_STATE);

    /** A per-document step that threw (see govlens.lib.pipeline.StepError), nested in stage outputs. */
    public static final StructType STEP_ERROR = new StructType()
            .add("step", DataTypes.StringType, false)
            .add("exception_class", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, false);

    /** Per-document input of the later stages: a document's text, metadata and sentences in one row. */
    public static final StructType DOC_TEXT = new StructType()
            .add("doc_id", DataTypes.StringType, false)
            .add("source_path", DataTypes.StringType, false)
            .add("report_year", DataTypes.IntegerType, true)
            .add("region_code", DataTypes.StringType, true)
            .add("region_name", DataTypes.StringType, true)
            .add("admin_level", DataTypes.StringType, true)
            .add("text", DataTypes.StringType, false)
            .add("sentences", DataTypes.createArrayType(ProcessFiles.SENTENCE, false), false);

    /**
     * A {@link #DOC_TEXT} row's sentences in document order (sentences.idx ascending): read back from the table
     * or gathered with collect_list they come in no guaranteed order, and the stages read them in text order.
     */
    public static List<Sentence> sentencesOf(Row docText) {
        List<Row> rows = docText.getList(7);
        List<Sentence> sentences = new ArrayList<>(rows.size());
        for (Row s : rows) {
            sentences.add(new Sentence(s.getString(0), s.getInt(1), s.getString(2), s.getInt(3), s.getInt(4)));
        }
        sentences.sort(java.util.Comparator.comparingInt(Sentence::idx));
        return sentences;
    }

    private IngestJob() {}

    /**
     * What this run did to the documents.
     *
     * @param written the documents written this run, as {@link #DOC_TEXT} rows (backed by a cache)
     * @param writtenIds their ids
     * @param docs every document of the warehouse after the run, with its state; written ones carry the
     *     current ingest fingerprint and no other stage's
     * @param deleted committed documents whose rows in per-document tables must go (removed or written again),
     *     with their committed state (their report_year names the partition their rows are in)
     * @param removed the subset of {@code deleted} that is gone from the warehouse
     * @param all whether the ingest tables were rewritten whole (every input read)
     * @param readPaths input files read this run: their earlier errors rows are superseded
     * @param errors errors rows of this run's ingest steps
     */
    public record Result(
            Dataset<Row> written,
            Set<String> writtenIds,
            Map<String, DocState> docs,
            Map<String, DocState> deleted,
            Map<String, DocState> removed,
            boolean all,
            Set<String> readPaths,
            List<Row> errors,
            Dataset<Row> cached) {
        public void unpersist() {
            cached.unpersist();
        }
    }

    /** Ingest alone in its own committed transaction: for tools and tests that need only these tables. */
    public static Result run(SparkSession spark, GovLensConfig config, RunContext run) {
        RunTransaction tx = new RunTransaction(spark, config.warehouse(), run.runId());
        RunTransaction.recover(spark, config.warehouse(), tx.holder(), config.lease().staleAfter);
        StageFingerprints fps =
                StageFingerprints.compute(config, spark.sparkContext().hadoopConfiguration());
        PriorState prior = PriorState.load(spark, config, TABLES);
        Result result = run(spark, config, run, tx, fps, prior);
        tx.replaceTable(Tables.DOC_STATE, DocState.rows(result.docs().values()));
        tx.replaceTable(Tables.ERRORS, result.errors());
        tx.commit();
        return result;
    }

    public static Result run(
            SparkSession spark,
            GovLensConfig config,
            RunContext run,
            RunTransaction tx,
            StageFingerprints fps,
            PriorState prior) {
        String fp = fps.get(Stage.INGEST);
        List<String> unusable = prior.unusable(TABLES);
        boolean all = config.fullRebuild() || !unusable.isEmpty();
        if (all && !config.fullRebuild() && !prior.docs().isEmpty()) {
            LOG.warn("ingest: tables {} missing or unreadable: every input is read again", unusable);
        }
        Map<String, PriorState.FileRow> priorFiles = all ? Map.of() : prior.files();
        Map<String, DocState> priorDocs = all ? Map.of() : prior.docs();

        List<Row> listing = InputInventory.list(spark, config.input()).collectAsList();
        List<Row> toRead = filesToRead(listing, priorFiles, fp, config.maxFileBytes());
        run.count("files_listed", listing.size());
        run.count("files_read", toRead.size());
        govlens.jobs.Sessions.tuneForRun(spark, config, Math.max(listing.size(), priorDocs.size()));
        Set<String> readPaths = new TreeSet<>();
        toRead.forEach(r -> readPaths.add(r.getString(0)));

        Dataset<Row> processed = processFiles(
                        spark, config, List.copyOf(readPaths), toRead.size() == listing.size() && toRead.size() > 0)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<Row> summary = readPaths.isEmpty() ? List.of() : summary(processed).collectAsList();

        Plan plan = plan(
                listing, readPaths, summary, priorFiles, priorDocs, fp, config.prune(), config.maxFileBytes(), run);
        Dataset<Row> fresh = processed.join(
                spark.createDataset(List.copyOf(plan.writtenPaths), Encoders.STRING())
                        .toDF("source_path"),
                "source_path");
        int tasks = WarehouseWriter.tasksFor(plan.written.size(), fresh.rdd().getNumPartitions());
        Dataset<Row> written = fresh.select(DocTextColumns.ALL);

        boolean changed = all
                || !readPaths.isEmpty()
                || !plan.deleted.isEmpty()
                || !plan.quarantineRows.keySet().equals(committedQuarantinePaths(spark, config, prior, all));
        if (all) {
            tx.replaceTable(Tables.DOCUMENTS, documents(fresh, run).coalesce(tasks), WarehouseWriter.Layout.AS_IS);
            tx.replaceTable(Tables.SECTIONS, sections(fresh).coalesce(tasks), WarehouseWriter.Layout.AS_IS);
            tx.replaceTable(Tables.SENTENCES, sentences(fresh).coalesce(tasks), WarehouseWriter.Layout.AS_IS);
        } else if (!plan.written.isEmpty() || !plan.deleted.isEmpty()) {
            Dataset<Row> keys = DocState.keys(spark, plan.deleted.values());
            for (TableDef t : List.of(Tables.DOCUMENTS, Tables.SECTIONS, Tables.SENTENCES)) {
                if (!plan.deleted.isEmpty()) {
                    tx.deleteDocs(t, keys);
                }
            }
            if (!plan.written.isEmpty()) {
                tx.append(
                        Tables.DOCUMENTS, SEGMENT, documents(fresh, run).coalesce(tasks), WarehouseWriter.Layout.AS_IS);
                tx.append(Tables.SECTIONS, SEGMENT, sections(fresh).coalesce(tasks), WarehouseWriter.Layout.AS_IS);
                tx.append(Tables.SENTENCES, SEGMENT, sentences(fresh).coalesce(tasks), WarehouseWriter.Layout.AS_IS);
            }
        }
        if (changed) {
            tx.replaceTable(Tables.DUPLICATES, duplicates(spark, config, prior, all, plan, readPaths, run));
            tx.replaceTable(Tables.QUARANTINE, quarantine(spark, config, prior, all, plan, readPaths, run));
            tx.replaceTable(Tables.FILE_STATE, List.copyOf(plan.files.values()));
        }

        run.count("documents_new", plan.written.size());
        run.count("documents_removed", plan.removed.size());
        run.count("sections_new", plan.sectionsNew);
        run.count("sentences_new", plan.sentencesNew);
        run.count("duplicates_new", plan.duplicatesNew);
        run.count("quarantine_new", plan.quarantineNew);
        LOG.info(
                "ingest: {} files listed, {} read; {} documents written ({} again), {} removed, {} duplicates, "
                        + "{} quarantined, {} step errors{}",
                listing.size(),
                readPaths.size(),
                plan.written.size(),
                plan.deleted.size() - plan.removed.size(),
                plan.removed.size(),
                plan.duplicatesNew,
                plan.quarantineNew,
                plan.errors.size(),
                plan.orphans > 0
                        ? "; " + plan.orphans + " documents whose inputs are gone keep rows of an earlier "
                                + "ingest (their files cannot be read again)"
                        : "");
        if (plan.orphans > 0) {
            run.count("documents_stale_orphans", plan.orphans);
        }
        return new Result(
                written,
                Set.copyOf(plan.written.keySet()),
                plan.docs,
                plan.deleted,
                plan.removed,
                all,
                readPaths,
                plan.errors,
                processed);
    }

    /** The columns of {@link #DOC_TEXT} from processed rows. */
    static final class DocTextColumns {
        static final org.apache.spark.sql.Column[] ALL = java.util.Arrays.stream(DOC_TEXT.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);

        private DocTextColumns() {}
    }

    /**
     * Listed files that must be read: not hidden, not empty, not too large, and not already read with the same
     * size, modification time and ingest fingerprint.
     */
    static List<Row> filesToRead(
            List<Row> listing, Map<String, PriorState.FileRow> prior, String fingerprint, long maxFileBytes) {
        List<Row> out = new ArrayList<>();
        for (Row f : listing) {
            long length = f.getLong(1);
            if (f.getBoolean(3) || length == 0 || length > maxFileBytes) {
                continue;
            }
            PriorState.FileRow s = prior.get(f.getString(0));
            boolean unchanged = s != null
                    && s.length() == length
                    && s.modificationTime() == f.getLong(2)
                    && fingerprint.equals(s.ingestFingerprint());
            if (!unchanged) {
                out.add(f);
            }
        }
        return out;
    }

    /** The driver's view of each processed row: everything but the text, sections and sentences. */
    static Dataset<Row> summary(Dataset<Row> processed) {
        return processed.select(
                col("source_path"),
                col("source_format"),
                col("length"),
                col("doc_id"),
                col("encoding"),
                col("report_year"),
                col("region_code"),
                col("region_name"),
                col("admin_level"),
                col("reason"),
                col("detail"),
                col("errors"),
                org.apache
                        .spark
                        .sql
                        .functions
                        .coalesce(size(col("sections")), lit(0))
                        .as("n_sections"),
                org.apache
                        .spark
                        .sql
                        .functions
                        .coalesce(size(col("sentences")), lit(0))
                        .as("n_sentences"));
    }

    /** The run's decisions, made on the driver from the summary and the prior state. */
    static final class Plan {
        final Map<String, DocState> docs = new HashMap<>();
        final Map<String, DocState> written = new LinkedHashMap<>();
        final Set<String> writtenPaths = new TreeSet<>();
        final Map<String, DocState> deleted = new LinkedHashMap<>();
        final Map<String, DocState> removed = new LinkedHashMap<>();
        final Map<String, Row> files = new TreeMap<>();
        final Map<String, Row> quarantineRows = new TreeMap<>();
        final List<Row> duplicateRows = new ArrayList<>();
        final List<Row> errors = new ArrayList<>();
        final Set<String> keptPaths = new HashSet<>();
        long sectionsNew;
        long sentencesNew;
        long duplicatesNew;
        long quarantineNew;
        long orphans;
    }

    static Plan plan(
            List<Row> listing,
            Set<String> readPaths,
            List<Row> summary,
            Map<String, PriorState.FileRow> priorFiles,
            Map<String, DocState> priorDocs,
            String fp,
            boolean prune,
            long maxFileBytes,
            RunContext run) {
        Plan plan = new Plan();
        Map<String, Row> listed = new HashMap<>();
        listing.forEach(r -> listed.put(r.getString(0), r));

        // Earlier decisions that still stand: files not read again and, unless pruning, files no longer listed.
        Set<String> referenced = new HashSet<>();
        for (PriorState.FileRow f : priorFiles.values()) {
            if (readPaths.contains(f.path()) || (prune && !listed.containsKey(f.path()))) {
                continue;
            }
            plan.keptPaths.add(f.path());
            if (f.docId() != null) {
                referenced.add(f.docId());
            }
        }
        for (DocState d : priorDocs.values()) {
            if (plan.keptPaths.contains(fileOf(d.sourcePath()))) {
                referenced.add(d.docId());
            }
        }
        Map<String, DocState> kept = new HashMap<>();
        for (String id : referenced) {
            DocState d = priorDocs.get(id);
            if (d != null) {
                kept.put(id, d);
            }
        }

        // This run's documents: per text, the copy with the smallest path is the document unless the warehouse
        // keeps it already (with the current fingerprint); the others are duplicates.
        Map<String, List<Row>> byDoc = new TreeMap<>();
        for (Row r : summary) {
            if (!r.isNullAt(3)) {
                byDoc.computeIfAbsent(r.getString(3), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, String> outcome = new HashMap<>();
        Map<String, String> docOf = new HashMap<>();
        for (Map.Entry<String, List<Row>> e : byDoc.entrySet()) {
            String id = e.getKey();
            List<Row> copies = e.getValue();
            copies.sort(java.util.Comparator.comparing(r -> r.getString(0)));
            DocState committed = kept.get(id);
            boolean keep = committed != null && fp.equals(committed.ingest());
            String canonical = keep ? committed.sourcePath() : copies.get(0).getString(0);
            for (Row c : copies) {
                String path = c.getString(0);
                docOf.put(path, id);
                if (!keep && path.equals(canonical)) {
                    outcome.put(path, "document");
                    plan.writtenPaths.add(path);
                    plan.sectionsNew += c.getInt(12);
                    plan.sentencesNew += c.getInt(13);
                    DocState d = new DocState(
                            id,
                            path,
                            c.isNullAt(5) ? null : c.getInt(5),
                            c.getString(6),
                            c.getString(7),
                            c.getString(8),
                            fp,
                            null,
                            null,
                            null,
                            run.runId());
                    plan.written.put(id, d);
                    if (priorDocs.containsKey(id)) {
                        plan.deleted.put(id, priorDocs.get(id));
                    }
                } else if (keep && path.equals(canonical)) {
                    outcome.put(path, "document"); // the committed document's own file, read again: unchanged
                } else {
                    outcome.put(path, "duplicate");
                    plan.duplicateRows.add(RowFactory.create(id, path, canonical, c.getString(4), run.runId()));
                    plan.duplicatesNew++;
                }
            }
        }
        for (Map.Entry<String, DocState> e : priorDocs.entrySet()) {
            if (!kept.containsKey(e.getKey()) && !plan.written.containsKey(e.getKey())) {
                plan.removed.put(e.getKey(), e.getValue());
                plan.deleted.put(e.getKey(), e.getValue());
            }
        }
        plan.docs.putAll(kept);
        plan.docs.putAll(plan.written);
        // Kept with a stale fingerprint and not read again: their files are gone, so they cannot be re-ingested.
        plan.orphans =
                plan.docs.values().stream().filter(d -> !fp.equals(d.ingest())).count();

        // Files: rejected by the processor, never read (hidden, empty, too large), or not returned by the reader.
        Set<String> returned = new HashSet<>();
        for (Row r : summary) {
            String path = r.getString(0);
            returned.add(fileOf(path));
            if (r.isNullAt(3)) {
                plan.quarantineRows.put(
                        path,
                        RowFactory.create(
                                path, r.getString(1), r.getLong(2), r.getString(9), r.getString(10), run.runId()));
                outcome.put(path, "quarantine");
            }
            String docId = r.isNullAt(3) ? null : r.getString(3);
            for (Row e : r.<Row>getList(11)) {
                plan.errors.add(
                        RowFactory.create(run.runId(), e.getString(0), docId, path, e.getString(1), e.getString(2)));
            }
        }
        for (Row f : listing) {
            String path = f.getString(0);
            long length = f.getLong(1);
            String reason = f.getBoolean(3)
                    ? QuarantineReason.HIDDEN
                    : length == 0 ? QuarantineReason.EMPTY : length > maxFileBytes ? QuarantineReason.TOO_LARGE : null;
            if (reason == null
                    && readPaths.contains(path)
                    && !returned.contains(path)
                    && !RecordCorpora.isRecordFile(path)) {
                reason = QuarantineReason.UNREADABLE;
            }
            if (reason != null) {
                plan.quarantineRows.put(
                        path,
                        RowFactory.create(
                                path,
                                DocumentProcessor.formatOf(path),
                                length,
                                reason,
                                detail(reason, maxFileBytes),
                                run.runId()));
                outcome.put(path, "quarantine");
            }
        }
        plan.quarantineNew = plan.quarantineRows.values().stream()
                .filter(r -> readPaths.contains(r.getString(0)) || !priorFiles.containsKey(r.getString(0)))
                .count();

        // File state: kept rows, replaced by what became of every file decided now.
        for (String path : plan.keptPaths) {
            PriorState.FileRow f = priorFiles.get(path);
            plan.files.put(
                    path,
                    RowFactory.create(
                            f.path(),
                            f.length(),
                            f.modificationTime(),
                            f.outcome(),
                            f.docId(),
                            f.ingestFingerprint(),
                            f.runId()));
        }
        for (Row f : listing) {
            String path = f.getString(0);
            String o = readPaths.contains(path) && RecordCorpora.isRecordFile(path) ? "records" : outcome.get(path);
            if (o == null) {
                continue; // unchanged since an earlier run: its kept row stands
            }
            PriorState.FileRow before = priorFiles.get(path);
            boolean decidedNow = readPaths.contains(path) || before == null || !o.equals(before.outcome());
            if (decidedNow) {
                plan.files.put(
                        path, RowFactory.create(path, f.getLong(1), f.getLong(2), o, docOf.get(path), fp, run.runId()));
            }
        }
        return plan;
    }

    private static String detail(String reason, long maxFileBytes) {
        return switch (reason) {
            case QuarantineReason.HIDDEN -> "name starts with . or _ (Hadoop's hidden files); not read";
            case QuarantineReason.EMPTY -> "0 bytes";
            case QuarantineReason.TOO_LARGE -> "larger than govlens.ingest.max-file-bytes=" + maxFileBytes;
            default -> "listed but not returned by the reader: removed or changed during the run";
        };
    }

    /** The input file of a source path: a record corpus's documents are {@code <file>#<record id>}. */
    public static String fileOf(String sourcePath) {
        int hash = sourcePath.lastIndexOf('#');
        return hash < 0 || sourcePath.indexOf('/', hash) >= 0 ? sourcePath : sourcePath.substring(0, hash);
    }

    private static Set<String> committedQuarantinePaths(
            SparkSession spark, GovLensConfig config, PriorState prior, boolean all) {
        if (all || !prior.usable(Tables.QUARANTINE)) {
            return Set.of();
        }
        return new TreeSet<>(Warehouse.read(spark, config.warehouse(), Tables.QUARANTINE)
                .select("source_path")
                .as(Encoders.STRING())
                .collectAsList());
    }

    /** Committed duplicates of files not decided now, plus this run's. */
    static List<Row> duplicates(
            SparkSession spark,
            GovLensConfig config,
            PriorState prior,
            boolean all,
            Plan plan,
            Set<String> readPaths,
            RunContext run) {
        List<Row> rows = new ArrayList<>();
        if (!all && prior.usable(Tables.DUPLICATES)) {
            for (Row r :
                    Warehouse.read(spark, config.warehouse(), Tables.DUPLICATES).collectAsList()) {
                String file = fileOf(r.getString(1));
                if (!readPaths.contains(file)
                        && plan.keptPaths.contains(file)
                        && plan.docs.containsKey(r.getString(0))) {
                    rows.add(r);
                }
            }
        }
        rows.addAll(plan.duplicateRows);
        return rows;
    }

    /** Committed quarantine rows of files not decided now, plus this run's. */
    static List<Row> quarantine(
            SparkSession spark,
            GovLensConfig config,
            PriorState prior,
            boolean all,
            Plan plan,
            Set<String> readPaths,
            RunContext run) {
        Map<String, Row> rows = new TreeMap<>();
        if (!all && prior.usable(Tables.QUARANTINE)) {
            for (Row r :
                    Warehouse.read(spark, config.warehouse(), Tables.QUARANTINE).collectAsList()) {
                String file = fileOf(r.getString(0));
                if (!readPaths.contains(file) && plan.keptPaths.contains(file)) {
                    rows.put(r.getString(0), r);
                }
            }
        }
        for (Map.Entry<String, Row> e : plan.quarantineRows.entrySet()) {
            Row before = rows.get(e.getKey());
            // An unread file quarantined again keeps the row (and run id) of the run that first decided it.
            if (before == null || !before.getString(3).equals(e.getValue().getString(3))) {
                rows.put(e.getKey(), e.getValue());
            }
        }
        return List.copyOf(rows.values());
    }

    /**
     * Reads and processes the given files. When every listed file is to be read (first run, full rebuild) the
     * input roots are loaded as folders; otherwise the changed paths one by one.
     */
    static Dataset<Row> processFiles(SparkSession spark, GovLensConfig config, List<String> toReadPaths, boolean all) {
        List<String> recordFiles =
                toReadPaths.stream().filter(RecordCorpora::isRecordFile).toList();
        String[] paths = all
                ? config.input().toArray(new String[0])
                : toReadPaths.stream()
                        .filter(p -> !RecordCorpora.isRecordFile(p))
                        .toArray(String[]::new);
        Dataset<Row> records = RecordCorpora.process(
                spark, recordFiles, config.extensions(), config.minChars(), config.parseTimeout(), config.maxChars());
        if (paths.length == 0) {
            return records;
        }
        // The length filter is pushed into the binaryFile source: content of larger files is never read.
        Dataset<Row> files = spark.read()
                .format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(paths)
                .filter(col("length").leq(config.maxFileBytes()))
                .filter(not(col("path").rlike(RECORD_FILE_PATTERN)))
                .select("path", "length", "content");
        // Spreads the files over all cores, a few tasks per core so one long report does not hold up the stage.
        int tasks = (int) Math.max(1, Math.min(4L * spark.sparkContext().defaultParallelism(), paths.length));
        return files.repartition(all ? 4 * spark.sparkContext().defaultParallelism() : tasks)
                .mapPartitions(
                        new ProcessFiles(
                                config.extensions(), config.minChars(), config.parseTimeout(), config.maxChars()),
                        Encoders.row(ProcessFiles.PROCESSED))
                .unionByName(records);
    }

    static final String RECORD_FILE_PATTERN = "(?i)\\.(jsonl|ndjson|csv|parquet)$";

    static Dataset<Row> documents(Dataset<Row> fresh, RunContext run) {
        return fresh.withColumn("pipeline_version", lit(run.pipelineVersion()))
                .withColumn("run_id", lit(run.runId()))
                .withColumn("ingested_at", lit(run.startedAt()));
    }

    static Dataset<Row> sections(Dataset<Row> fresh) {
        return fresh.select(
                        col("doc_id"),
                        col("report_year"),
                        explode(col("sections")).as("s"))
                .select(col("doc_id"), col("s.*"), col("report_year"));
    }

    static Dataset<Row> sentences(Dataset<Row> fresh) {
        return fresh.select(
                        col("doc_id"),
                        col("report_year"),
                        explode(col("sentences")).as("s"))
                .select(col("doc_id"), col("s.*"), col("report_year"));
    }

    /** DocText rows of committed documents: their text and metadata joined with their sentences. */
    public static Dataset<Row> committedDocText(SparkSession spark, String warehouse, Collection<String> docIds) {
        Dataset<Row> ids =
                spark.createDataset(List.copyOf(docIds), Encoders.STRING()).toDF("doc_id");
        Dataset<Row> docs = Warehouse.read(spark, warehouse, Tables.DOCUMENTS)
                .select("doc_id", "source_path", "report_year", "region_code", "region_name", "admin_level", "text")
                .join(ids, "doc_id");
        Dataset<Row> sentences = Warehouse.read(spark, warehouse, Tables.SENTENCES)
                .join(ids, "doc_id")
                .groupBy("doc_id")
                .agg(org.apache
                        .spark
                        .sql
                        .functions
                        .collect_list(org.apache.spark.sql.functions.struct(
                                col("section_id"), col("idx"), col("text"), col("char_start"), col("char_end")))
                        .as("sentences"));
        return docs.join(sentences, new String[] {"doc_id"}, "left")
                .withColumn(
                        "sentences",
                        org.apache.spark.sql.functions.coalesce(
                                col("sentences"),
                                org.apache
                                        .spark
                                        .sql
                                        .functions
                                        .array()
                                        .cast(DOC_TEXT.apply("sentences").dataType())))
                .select(DocTextColumns.ALL);
    }
}
