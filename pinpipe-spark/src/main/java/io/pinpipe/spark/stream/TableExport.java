package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.SparkSessions;
import io.pinpipe.spark.Warehouse;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

/**
 * Counts the rows of a warehouse's tables ({@code pin}, {@code geo}, {@code user}, {@code quarantine}) and, on
 * request, writes each as JSON Lines ({@code <out>/<table>.jsonl}, timestamps as {@code YYYY-MM-DD HH:MM:SS} UTC):
 * a look into the Delta tables from outside Spark, for checks and hand-offs.
 * Usage: {@code TableExport --warehouse DIR [--out DIR]}.
 */
public final class TableExport {

    private TableExport() {
    }

    public static void main(String[] args) {
        String warehouse = null;
        Path outDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warehouse" -> warehouse = args[i + 1];
                case "--out" -> outDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: --warehouse DIR [--out DIR]");
            }
        }
        if (warehouse == null) {
            throw new IllegalArgumentException("usage: --warehouse DIR [--out DIR]");
        }
        SparkSession spark = SparkSessions.batch(new SparkConf().setIfMissing("spark.app.name", "pinpipe export"), 2);
        try {
            export(new Warehouse(spark, warehouse), outDir, System.out);
        } finally {
            spark.stop();
        }
    }

    /** Prints {@code <table>: N rows, M distinct ind} per table; writes the rows when {@code outDir} is set. */
    static void export(Warehouse warehouse, Path outDir, PrintStream out) {
        List<String> tables = new ArrayList<>(Arrays.stream(SourceTable.values()).map(SourceTable::shortName)
                .toList());
        tables.add(Warehouse.QUARANTINE);
        for (String table : tables) {
            Dataset<Row> rows = readable(warehouse.read(table));
            boolean keyed = Arrays.asList(rows.columns()).contains("ind");
            out.printf("%s: %d rows%s%n", table, rows.count(), keyed
                    ? ", " + rows.select("ind").distinct().count() + " distinct ind" : "");
            if (outDir != null) {
                write(rows, outDir.resolve(table + ".jsonl"));
            }
        }
        out.flush();
    }

    private static Dataset<Row> readable(Dataset<Row> table) {
        Column[] columns = Arrays.stream(table.columns()).map(name -> table.schema().apply(name).dataType()
                .typeName().equals("timestamp") ? date_format(col(name), "yyyy-MM-dd HH:mm:ss").as(name) : col(name))
                .toArray(Column[]::new);
        return table.select(columns);
    }

    private static void write(Dataset<Row> rows, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Iterator<String> lines = rows.toJSON().toLocalIterator(); lines.hasNext(); ) {
                    writer.write(lines.next());
                    writer.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
