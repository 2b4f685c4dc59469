package govlens.jobs;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * spark-testing-base's DataFrame comparisons (schema and rows, with a readable diff on failure) for JUnit 5
 * tests. Only the comparison methods are used: they need no SparkContext of the suite base's own, so our
 * shared session stays the only one.
 */
public final class DataFrameAssertions {
    private static final JavaDataFrameSuiteBase COMPARER = new JavaDataFrameSuiteBase();

    private DataFrameAssertions() {}

    /** Same schema and the same multiset of rows, in any order. */
    public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
        COMPARER.assertDataFrameNoOrderEquals(expected, actual);
    }
}
