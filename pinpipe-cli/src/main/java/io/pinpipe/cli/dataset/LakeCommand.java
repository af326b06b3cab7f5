package io.pinpipe.cli.dataset;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.cli.connect.LakeLocation;
import io.pinpipe.cli.console.Progress;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.emulator.dataset.DatasetGenerator;
import io.pinpipe.emulator.lake.GeneratedLake;
import io.pinpipe.emulator.lake.LakeDraws;
import io.pinpipe.emulator.lake.LakeWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pinpipe dataset lake}: writes the lake a run of the emulator and the lake sink would have produced over a
 * generated dataset, without Kafka: for benchmarks and tests of the batch job at any size.
 */
@Command(name = "lake", mixinStandardHelpOptions = true,
        description = {"Write a lake (topics/<id>.pin|geo|user/partition=0/*.json, JSON Lines) of N emulator draws"
                + " per topic over a generated dataset, as the lake sink would land them: same seed, same bytes.",
                "Each draw picks a random row id (rows repeat, as in the course) and writes its pin, geo and user"
                        + " record; pinpipe batch --lake DIR then reads it like a real lake."})
public final class LakeCommand implements Callable<Integer> {

    /** The most records per file: the sink's own flush.size limit is far above any useful value. */
    static final int MAX_FLUSH_SIZE = 10_000_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", required = true,
            description = "Records (draws) per topic, at least 1.")
    private long records;

    @Option(names = "--rows", paramLabel = "R",
            description = "Rows of the generated dataset the draws pick from, 1.." + DatasetGenerator.MAX_ROWS
                    + ". Default: N, so about 63%% of the rows are drawn and 37%% of the records are repeats.")
    private Long rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the dataset and of the draws (any 64-bit integer). Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "The lake folder (created if missing; its topic folders must be empty)."
                    + " Default: where the lake sink writes it (setting connect.lake.dir), else <data-dir>/lake.")
    private Path lake;

    @Option(names = "--user-id", paramLabel = "ID",
            description = "Topics <id>.pin|geo|user. Default: setting user.id, or 'pinpipe'.")
    private String userId;

    @Option(names = "--flush-size", paramLabel = "K", defaultValue = "10000",
            description = "Records per lake file (the sink's flush.size), 1.." + MAX_FLUSH_SIZE
                    + ". Default: ${DEFAULT-VALUE}.")
    private int flushSize;

    @Override
    public Integer call() throws IOException {
        long datasetRows = rows != null ? rows : records;
        check(records >= 1, "--records must be at least 1, got " + records);
        check(datasetRows >= 1 && datasetRows <= DatasetGenerator.MAX_ROWS,
                "--rows must be between 1 and " + DatasetGenerator.MAX_ROWS + ", got " + datasetRows);
        check(flushSize >= 1 && flushSize <= MAX_FLUSH_SIZE,
                "--flush-size must be between 1 and " + MAX_FLUSH_SIZE + ", got " + flushSize);
        PinpipeCommand root = PinpipeCommand.of(spec);
        Settings settings = root.settings(ConnectSettings.ALL);
        Topics topics = new Topics(settings.get(Topics.USER_ID, "--user-id", userId));
        LakeLocation sinkLake = LakeLocation.of(root.dataFolder(), settings);
        Path folder = lake != null ? lake.toAbsolutePath().normalize() : sinkLake.localFolder("pinpipe dataset lake");

        GeneratedLake generated = new GeneratedLake(new DatasetGenerator(seed, datasetRows),
                new LakeDraws(seed, datasetRows));
        long started = System.nanoTime();
        GeneratedLake.Summary summary;
        LakeWriter writer;
        try {
            writer = new LakeWriter(folder, sinkLake.layout(), topics, flushSize);
        } catch (IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (writer; Progress progress = Progress.counting("lake", records, "draws")) {
            summary = generated.write(writer, records, progress::stepTo);
        }
        printSummary(folder, topics, datasetRows, summary, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private void printSummary(Path folder, Topics topics, long datasetRows, GeneratedLake.Summary summary,
                              double seconds) {
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "Wrote a lake of %,d records per topic (%s) in %s%n", summary.recordsPerTopic(),
                String.join(", ", topics.batchTopics()), folder);
        String distinct = summary.distinctRows() < 0 ? "not counted (over "
                + String.format(Locale.ROOT, "%,d", GeneratedLake.MAX_COUNTED_ROWS) + " rows)"
                : String.format(Locale.ROOT, "%,d", summary.distinctRows());
        console.printf(Locale.ROOT, "  draws over %,d rows (seed %d): distinct row ids %s%n", datasetRows, seed,
                distinct);
        console.printf(Locale.ROOT, "  %,d files (%d per topic, %,d records each), %,d bytes%n",
                summary.files().size(), summary.files().size() / SourceTable.values().length, flushSize,
                summary.bytes());
        console.printf(Locale.ROOT, "%,.0f records/s per topic, %.1f MB/s, %.1f s%n",
                summary.recordsPerTopic() / Math.max(seconds, 1e-9), summary.bytes() / 1e6 / Math.max(seconds, 1e-9),
                seconds);
        console.flush();
    }
}
