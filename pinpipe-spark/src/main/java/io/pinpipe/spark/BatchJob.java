package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.questions.Question;
import io.pinpipe.spark.questions.Questions;
import io.pinpipe.spark.report.Report;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily batch: load the three topics into their Delta tables (quarantining what cannot be cleaned), answer the
 * eight questions from the tables, write every answer as CSV and JSON, print its first rows, and write
 * {@code report.html}.
 */
public final class BatchJob {

    /** Rows of an answer printed to the console; its CSV and JSON files have them all. */
    public static final int PRINTED_ROWS = 10;

    /** Steps reported through {@link Progress}: three loads, nine answers, the report. */
    public static final int STEPS = SourceTable.values().length + Questions.all().size() + 1;

    private final SparkSession spark;
    private final BatchOptions options;
    private final Progress progress;
    private final Clock clock;

    public BatchJob(SparkSession spark, BatchOptions options, Progress progress, Clock clock) {
        this.spark = spark;
        this.options = options;
        this.progress = progress;
        this.clock = clock;
    }

    /** What a run did. */
    public record Summary(List<TableQuality> quality, List<ResultTable> results, String warehouse,
                          String resultsLocation, String report) {
    }

    public Summary run() {
        Warehouse warehouse = new Warehouse(spark, options.warehouse());
        LakeReader reader = new LakeReader(spark, options.lake(), options.layout(), options.topics(), options.since(),
                options.until());
        TableLoad load = new TableLoad(reader, warehouse, Placeholders.of(options.extendedPlaceholders()));
        List<TableQuality> quality = new ArrayList<>();
        for (SourceTable table : SourceTable.values()) {
            String topic = options.topics().batch(table);
            progress.step("loading " + topic + " into " + warehouse.tableLocation(table.shortName()));
            TableQuality loaded = load.load(table, topic);
            quality.add(loaded);
            progress.say(String.format("  %s: %d files, %d rows read, %d quarantined, %d duplicates removed,"
                    + " %d rows, %d new", topic, loaded.filesRead(), loaded.rowsRead(), loaded.quarantined(),
                    loaded.duplicatesRemoved(), loaded.distinctRows(), loaded.inserted()));
        }

        // The questions read each table several times: keep them once, spilling to disk when large.
        CleanTables tables = new CleanTables(cached(warehouse, SourceTable.PIN), cached(warehouse, SourceTable.GEO),
                cached(warehouse, SourceTable.USER));
        try {
            return answer(tables, quality);
        } finally {
            tables.pin().unpersist();
            tables.geo().unpersist();
            tables.user().unpersist();
        }
    }

    /**
     * The columns of a table the questions read, kept once (Delta reads only those columns from the files), hashed
     * and sorted by {@code ind}: every question joins on {@code ind}, and tables kept already partitioned and
     * ordered that way join without shuffling or sorting them again for each question.
     */
    private static Dataset<Row> cached(Warehouse warehouse, SourceTable table) {
        Column[] columns = Questions.columnsRead(table).stream().map(functions::col).toArray(Column[]::new);
        return warehouse.read(table.shortName()).select(columns).repartition(functions.col("ind"))
                .sortWithinPartitions("ind").persist(StorageLevel.MEMORY_AND_DISK());
    }

    private Summary answer(CleanTables tables, List<TableQuality> quality) {
        ResultFiles files = new ResultFiles(options.results(), spark.sparkContext().hadoopConfiguration());
        List<ResultTable> results = new ArrayList<>();
        for (Question question : Questions.all()) {
            progress.step("answering " + question.title());
            ResultTable result = ResultTable.of(question, question.answer(tables));
            files.write(result);
            results.add(result);
            progress.say(result.toText(PRINTED_ROWS, files.csvFile(result)));
        }

        progress.step("writing the report");
        String report = null;
        if (options.report()) {
            report = options.results() + "/report.html";
            files.writeText(report, Report.html(options.lake(), clock.instant(), results, quality));
        }
        return new Summary(quality, results, options.warehouse(), options.results(), report);
    }
}
