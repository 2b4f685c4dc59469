package govlens.jobs.analytics;

import govlens.jobs.config.GovLensConfig;
import govlens.jobs.warehouse.RunTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The saved topic models: one folder per model under the model directory ({@code govlens.topics.model-dir},
 * default {@code <warehouse>/_models}) and a {@code CURRENT} file naming the model in use.
 *
 * <pre>
 * _models/CURRENT                       one line: the model_id
 * _models/&lt;model_id&gt;/pipeline/          PipelineModel: CountVectorizerModel + LocalLDAModel
 * _models/&lt;model_id&gt;/topics/            Parquet, the rows of the topics table (labels: top words per topic)
 * _models/&lt;model_id&gt;/topic_models/      Parquet, the rows of the topic_models table of the training run
 * </pre>
 *
 * Any Hadoop file system works (local, hdfs://, s3a://). A new model and its CURRENT pointer are staged in
 * the run's transaction and published by its commit, together with the tables that use them: a run that
 * dies before committing leaves the previous model current.
 */
final class ModelStore {
    static final String CURRENT = "CURRENT";

    private final SparkSession spark;
    private final String root;

    ModelStore(SparkSession spark, String root) {
        this.spark = spark;
        this.root = root.replaceAll("/+$", "");
    }

    static ModelStore of(SparkSession spark, GovLensConfig config) {
        String dir = config.topics().modelDir;
        return new ModelStore(spark, dir.isEmpty() ? config.warehouse().replaceAll("/+$", "") + "/_models" : dir);
    }

    String root() {
        return root;
    }

    /** The model named by CURRENT, if there is one. */
    Optional<String> current() {
        Path p = new Path(root, CURRENT);
        try {
            FileSystem fs = p.getFileSystem(hadoopConf());
            if (!fs.exists(p)) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(p)) {
                String id = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                return id.isEmpty() ? Optional.empty() : Optional.of(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** A saved model: the pipeline and the rows of the topics and topic_models tables of its training run. */
    record Saved(String modelId, PipelineModel model, Dataset<Row> topics, Dataset<Row> topicModels) {}

    Saved load(String modelId) {
        String dir = root + "/" + modelId;
        if (!exists(dir + "/pipeline")) {
            throw new IllegalStateException(
                    root + "/" + CURRENT + " names model " + modelId + " but " + dir
                            + "/pipeline does not exist: restore the folder or set govlens.topics.retrain=true to fit a new model");
        }
        return new Saved(
                modelId,
                PipelineModel.load(dir + "/pipeline"),
                spark.read().parquet(dir + "/topics"),
                spark.read().parquet(dir + "/topic_models"));
    }

    /**
     * Stages the model and its tables in the run's transaction, and CURRENT pointing at it: both are published
     * by the commit (the folder first, then the pointer), never before.
     */
    void save(RunTransaction tx, String modelId, PipelineModel model, Dataset<Row> topics, Dataset<Row> topicModels) {
        tx.stageDirectory(root + "/" + modelId, dir -> {
            try {
                model.write().overwrite().save(dir + "/pipeline");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the topic model to " + dir, e);
            }
            topics.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/topics");
            topicModels.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir + "/topic_models");
        });
        tx.stageFile(root + "/" + CURRENT, modelId + "\n");
    }

    private boolean exists(String path) {
        Path p = new Path(path);
        try {
            return p.getFileSystem(hadoopConf()).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + p, e);
        }
    }

    private Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
    }
}
