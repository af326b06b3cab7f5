import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

/**
 * A test tool, run by WholePipelineIT as a single-file source program on the spark module's class path (the CLI's
 * test class path has no Spark): writes every row of the Delta tables pin, geo and user under a warehouse as JSON
 * Lines ordered by ind, nulls kept, timestamps as yyyy-MM-ddTHH:mm:ss in UTC.
 *
 * <p>Usage: {@code java -cp <spark class path> DeltaRows.java <warehouse> <output folder>}
 */
public class DeltaRows {

    public static void main(String[] args) throws Exception {
        String warehouse = args[0];
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        SparkSession spark = SparkSession.builder().appName("delta-rows")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        try {
            for (String table : List.of("pin", "geo", "user")) {
                Dataset<Row> rows = spark.read().format("delta").load(warehouse + "/" + table);
                Column[] columns = Arrays.stream(rows.schema().fields()).map(DeltaRows::asJsonValue)
                        .toArray(Column[]::new);
                List<String> lines = rows.orderBy("ind")
                        .select(to_json(struct(columns), Map.of("ignoreNullFields", "false")))
                        .as(Encoders.STRING()).collectAsList();
                Files.write(out.resolve(table + ".jsonl"), lines, StandardCharsets.UTF_8);
            }
        } finally {
            spark.stop();
        }
    }

    private static Column asJsonValue(StructField field) {
        Column column = col(field.name());
        if (field.dataType() instanceof TimestampType) {
            column = date_format(column, "yyyy-MM-dd'T'HH:mm:ss");
        }
        return column.as(field.name());
    }
}
