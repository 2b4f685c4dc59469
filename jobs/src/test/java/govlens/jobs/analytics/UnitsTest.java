package govlens.jobs.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import govlens.jobs.SharedSparkSession;
import govlens.jobs.config.GovLensConfig;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LDA units on a hand-made document of four sentences (characters 0–300, 300–450, 450–700, 700–1200; the
 * first two in section s000, the others in s001), one content token per sentence: a, b, c, d.
 */
class UnitsTest extends SharedSparkSession {
  static Dataset<Row> content;
  static Dataset<Row> sentences;

  @BeforeAll
  static void fixture() {
    StructType contentSchema = new StructType()
        .add("doc_id", DataTypes.StringType).add("section_id", DataTypes.StringType)
        .add("sentence_idx", DataTypes.IntegerType).add("token", DataTypes.StringType)
        .add("char_start", DataTypes.IntegerType).add("region_code", DataTypes.StringType)
        .add("region_name", DataTypes.StringType).add("report_year", DataTypes.IntegerType);
    // Out of text order on purpose: a unit's terms must come back in text order.
    content = spark.createDataFrame(List.of(
        RowFactory.create("d1", "s001", 3, "d", 700, null, null, 2024),
        RowFactory.create("d1", "s000", 1, "b", 300, null, null, 2024),
        RowFactory.create("d1", "s001", 2, "c", 450, null, null, 2024),
        RowFactory.create("d1", "s000", 0, "a", 0, null, null, 2024)), contentSchema);
    StructType sentenceSchema = new StructType()
        .add("doc_id", DataTypes.StringType).add("section_id", DataTypes.StringType)
        .add("idx", DataTypes.IntegerType).add("text", DataTypes.StringType)
        .add("char_start", DataTypes.IntegerType).add("char_end", DataTypes.IntegerType)
        .add("report_year", DataTypes.IntegerType);
    sentences = spark.createDataFrame(List.of(
        RowFactory.create("d1", "s000", 0, "…", 0, 300, 2024),
        RowFactory.create("d1", "s000", 1, "…", 300, 450, 2024),
        RowFactory.create("d1", "s001", 2, "…", 450, 700, 2024),
        RowFactory.create("d1", "s001", 3, "…", 700, 1200, 2024)), sentenceSchema);
  }

  static List<String> units(String unit) {
    GovLensConfig.Topics t = GovLensConfig.load(null, Map.of(
        "govlens.topics.unit", unit, "govlens.topics.chunk-chars", 500)).topics();
    return AnalyticsJob.units(content, sentences, t).orderBy("doc_id", "unit_id").collectAsList().stream()
        .map(r -> r.getString(0) + "/" + r.getString(1) + "=" + r.getList(3)).toList();
  }

  // Section units are the sections, terms in text order.
  @Test
  void sectionUnits() {
    assertEquals(List.of("d1/s000=[a, b]", "d1/s001=[c, d]"), units("section"));
  }

  // A chunk takes the sentences starting within its 500 characters; chunks cross section boundaries.
  @Test
  void chunkUnits() {
    assertEquals(List.of("d1/c000=[a, b, c]", "d1/c001=[d]"), units("chunk"));
  }
}
