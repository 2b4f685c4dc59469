package govlens.jobs.warehouse;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One warehouse table: its folder name, its schema (each column carries its meaning as a comment, which is
 * what the README documents and what Spark stores in the Parquet footer), the partition column if any, and
 * the sort order that makes its files byte-for-byte repeatable across reruns.
 */
public record TableDef(String name, StructType schema, String partitionColumn, List<String> sortColumns)
        implements Serializable {

    public TableDef {
        for (String c : sortColumns) {
            schema.apply(c); // fails at class load with the column name if a sort column is misspelt
        }
        if (partitionColumn != null) {
            schema.apply(partitionColumn);
        }
    }

    /** Column names in schema order. */
    public List<String> columns() {
        return java.util.Arrays.stream(schema.fields()).map(StructField::name).toList();
    }
}
