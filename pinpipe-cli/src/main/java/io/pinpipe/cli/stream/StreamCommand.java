package io.pinpipe.cli.stream;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.StackKafka;
import io.pinpipe.cli.batch.SparkJvm;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.KafkaCluster;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pinpipe stream}: the Structured Streaming job ({@code io.pinpipe.spark.stream.StreamMain}) in a child JVM
 * on the spark module's class path. Passes its progress lines through (the libraries' log goes to
 * {@code <data-dir>/logs/stream.log}), forwards a stop (SIGTERM, Ctrl-C) to it so it stops gracefully, and returns
 * its exit code.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = {"Clean the streaming topics streaming-<id>-pin|geo|user continuously into Delta tables"
                + " (<data-dir>/stream-warehouse/pin|geo|user|quarantine), one row per ind, exactly once across"
                + " restarts (checkpoint in <data-dir>/checkpoints/stream, never deleted).",
                "Runs until stopped (Ctrl-C or SIGTERM); --available-now processes what the topics hold and exits."})
public final class StreamCommand implements Callable<Integer> {

    /** The job's main class in pinpipe-spark. */
    public static final String MAIN_CLASS = "io.pinpipe.spark.stream.StreamMain";
    public static final ConfigKey MEMORY = ConfigKey.of("stream.memory", "2g",
            "Heap of the streaming job's Spark JVM (-Xmx), e.g. 4g.");

    /** Everything this command reads from the config file or the environment. */
    public static final List<ConfigKey> SETTINGS = List.of(Topics.USER_ID, KafkaCluster.BOOTSTRAP_SERVERS, MEMORY);

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "The Kafka cluster; overrides setting bootstrap.servers. Default: that setting, else the"
                    + " broker pinpipe up started in the data folder, else " + KafkaCluster.EMBEDDED_BOOTSTRAP + ".")
    private String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client settings for a secured cluster (security.protocol, sasl.mechanism,"
                    + " sasl.jaas.config, ...; e.g. MSK with IAM), a properties file as for Kafka's own tools.")
    private Path kafkaConfig;

    @Option(names = "--user-id", paramLabel = "ID",
            description = "Topics streaming-<id>-pin|geo|user. Default: setting user.id, or 'pinpipe'.")
    private String userId;

    @Option(names = "--warehouse", paramLabel = "DIR|s3a://...",
            description = "Where the stream's Delta tables go. Default: <data-dir>/stream-warehouse.")
    private String warehouse;

    @Option(names = "--checkpoint", paramLabel = "DIR|s3a://...",
            description = "The query's checkpoint. Default: <data-dir>/checkpoints/stream.")
    private String checkpoint;

    @Option(names = "--trigger-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between micro-batch starts (500ms, 1s, 1m). Default: ${DEFAULT-VALUE}.")
    private String triggerInterval;

    @Option(names = "--available-now",
            description = "Process what the topics hold now, print the tables' counts, then exit.")
    private boolean availableNow;

    @Option(names = "--max-records-per-batch", paramLabel = "N", defaultValue = "0",
            description = "At most N records per micro-batch (0: no limit). Default: ${DEFAULT-VALUE}.")
    private long maxRecordsPerBatch;

    @Option(names = "--extended-placeholders",
            description = "Also null 'No description available', 'Untitled' and empty titles/descriptions.")
    private boolean extendedPlaceholders;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master. Default: ${DEFAULT-VALUE}.")
    private String master;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Heap of the Spark JVM. Default: setting stream.memory, or 2g.")
    private String memory;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Settings settings = root.settings(SETTINGS);
        Path log = SparkJvm.logFile(root.dataDir(), "stream");
        List<String> command = SparkJvm.command(SparkJvm.home(), settings.get(MEMORY, "--memory", memory),
                master, MAIN_CLASS, jobOptions(root.dataDir(), settings), log);
        // Ctrl-C or SIGTERM on pinpipe stops the job (SIGTERM) and waits, so it stops between its writes.
        try (ChildProcess job = SparkJvm.start(command, "streaming job", log)) {
            PrintWriter out = spec.commandLine().getOut();
            SparkJvm.forEachLine(job.process(), "streaming job", line -> {
                out.println(line);
                out.flush();
            });
            int exitCode = job.waitFor();
            if (exitCode != 0) {
                spec.commandLine().getErr().println("stream: the streaming job ended with exit code " + exitCode
                        + "; its log is " + log);
            }
            return exitCode;
        }
    }

    /** The job's options: explicit ones, else settings, else the data folder's defaults. */
    List<String> jobOptions(Path dataDir, Settings settings) {
        List<String> options = new ArrayList<>(List.of(
                "--bootstrap-servers", StackKafka.bootstrapServers(bootstrapServers, settings, new DataFolder(dataDir)),
                "--user-id", settings.get(Topics.USER_ID, "--user-id", userId),
                "--warehouse", warehouse != null ? warehouse : new DataFolder(dataDir).streamWarehouse().toString(),
                "--checkpoint", checkpoint != null ? checkpoint
                        : new DataFolder(dataDir).streamCheckpoints().toString(),
                "--trigger-interval", triggerInterval,
                "--available-now", Boolean.toString(availableNow),
                "--max-records-per-batch", Long.toString(maxRecordsPerBatch)));
        if (kafkaConfig != null) {
            options.addAll(List.of("--kafka-config", kafkaConfig.toAbsolutePath().toString()));
        }
        if (extendedPlaceholders) {
            options.addAll(List.of("--extended-placeholders", "true"));
        }
        return options;
    }
}
