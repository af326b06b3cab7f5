package io.pinpipe.cli.batch;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.cli.connect.LakeLocation;
import io.pinpipe.cli.console.Progress;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.Topics;
import io.pinpipe.common.process.ChildProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code pinpipe batch}: the daily Spark batch on this machine. Starts the job ({@code io.pinpipe.spark.BatchMain})
 * in a child JVM on the spark module's class path, shows its steps as progress, passes its output through (the
 * libraries' log goes to {@code <data-dir>/logs/batch.log}) and returns its exit code.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Read the lake, clean it into Delta tables, answer the eight questions and write the report.",
                "Runs Spark locally in its own JVM; the same job runs on a cluster with spark-submit (docs/batch.md)."})
public final class BatchCommand implements Callable<Integer> {

    /** The setting of this command alone; it also reads the lake sink's settings to find the lake. */
    public static final ConfigKey MEMORY = ConfigKey.of("batch.memory", "2g",
            "Heap of the local Spark JVM (-Xmx), e.g. 4g.");

    /** Everything this command reads from the config file or the environment. */
    public static final List<ConfigKey> SETTINGS = Stream.concat(Stream.of(MEMORY), ConnectSettings.ALL.stream())
            .toList();

    @Spec
    private CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR|s3a://BUCKET/PREFIX",
            description = "The lake to read. Default: where the lake sink writes it (settings connect.store,"
                    + " connect.lake.dir, connect.s3.bucket.name), else <data-dir>/lake.")
    private String lake;

    @Option(names = "--user-id", paramLabel = "ID",
            description = "Topics <id>.pin|geo|user. Default: setting user.id, or 'pinpipe'.")
    private String userId;

    @Option(names = "--warehouse", paramLabel = "DIR|s3a://...",
            description = "Where the Delta tables go. Default: <data-dir>/warehouse.")
    private String warehouse;

    @Option(names = "--results", paramLabel = "DIR|s3a://...",
            description = "Where the CSV/JSON results and report.html go. Default: <data-dir>/results.")
    private String results;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Read only lake files written on or after this day (UTC).")
    private LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD",
            description = "Read only lake files written before this day (UTC).")
    private LocalDate until;

    @Option(names = "--extended-placeholders",
            description = "Also null 'No description available', 'Untitled' and empty titles/descriptions.")
    private boolean extendedPlaceholders;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master. Default: ${DEFAULT-VALUE}.")
    private String master;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Heap of the Spark JVM. Default: setting batch.memory, or 2g.")
    private String memory;

    /** The job's progress, from its first step line on, and the number of steps that line announced. */
    private Progress progress;
    private int steps;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Path dataDir = root.dataDir();
        Settings settings = root.settings(SETTINGS);
        Path log = SparkJvm.logFile(dataDir, "batch");
        List<String> command = SparkJvm.command(SparkJvm.home(), settings.get(MEMORY, "--memory", memory), master,
                jobOptions(dataDir, settings), log);
        PrintWriter out = spec.commandLine().getOut();
        // Whatever ends this command (the job, an error, an interrupt), the job is gone when it returns: the
        // scheduler releases its run lock only then.
        try (ChildProcess job = SparkJvm.start(command, "Spark job", log)) {
            try {
                SparkJvm.forEachLine(job.process(), "Spark job", line -> show(out, line));
            } finally {
                if (progress != null) {
                    progress.stepTo(steps);
                    progress.close();
                }
            }
            int exitCode = job.waitFor();
            if (exitCode != 0) {
                spec.commandLine().getErr().println("batch: the Spark job failed (exit code " + exitCode
                        + "); its log is " + log);
            }
            return exitCode;
        }
    }

    /** A step line of the job moves the progress bar; any other line is printed as it is. */
    private void show(PrintWriter out, String line) {
        Optional<StepLine> step = StepLine.parse(line);
        if (step.isEmpty()) {
            out.println(line);
            out.flush();
            return;
        }
        if (progress == null) {
            steps = step.get().total();
            progress = Progress.steps("batch", steps);
        }
        progress.stepTo(step.get().step() - 1L, step.get().what());
    }

    /** The job's options: explicit ones, else settings, else the data folder's defaults. */
    List<String> jobOptions(Path dataDir, Settings settings) {
        List<String> options = new ArrayList<>();
        LakeLocation sinkLake = LakeLocation.of(new DataFolder(dataDir), settings);
        add(options, "--lake", lake != null ? lake : sinkLake.root());
        add(options, "--topics-dir", sinkLake.topicsDir());
        add(options, "--user-id", settings.get(Topics.USER_ID, "--user-id", userId));
        add(options, "--warehouse", warehouse != null ? warehouse : new DataFolder(dataDir).warehouse().toString());
        add(options, "--results", results != null ? results : new DataFolder(dataDir).results().toString());
        if (since != null) {
            add(options, "--since", since.toString());
        }
        if (until != null) {
            add(options, "--until", until.toString());
        }
        if (extendedPlaceholders) {
            add(options, "--extended-placeholders", "true");
        }
        return options;
    }

    private static void add(List<String> options, String flag, String value) {
        options.add(flag);
        options.add(value);
    }
}
