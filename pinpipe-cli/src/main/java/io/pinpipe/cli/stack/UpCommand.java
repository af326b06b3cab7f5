package io.pinpipe.cli.stack;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.batch.SparkJvm;
import io.pinpipe.cli.cluster.LocalCluster;
import io.pinpipe.cli.connect.ConnectWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** {@code pinpipe up}: runs the local stack, or with {@code --cluster} the local cluster, until Ctrl-C or SIGTERM. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the one-machine pipeline: Kafka broker (KRaft), topics, gateway and the Connect worker"
                + " with the lake sink. Runs until Ctrl-C or SIGTERM, then stops everything cleanly.",
                "A second 'up' on the same data folder resumes with the data intact."})
public final class UpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--user-id", paramLabel = "ID", description = "User id of the topics (config: user.id).")
    private String userId;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Use this Kafka cluster instead of the embedded broker (config: bootstrap.servers).")
    private String bootstrapServers;

    @Option(names = "--cluster",
            description = {"Start the scale-out path on this machine instead: 3 KRaft brokers (replication 3,"
                    + " min.insync.replicas 2; the first on kafka.port, the others on the next ports), 2 gateways"
                    + " (the listeners port and the next), 2 Connect workers in distributed mode (none when"
                    + " connect.enabled=false), a Spark standalone master with 2 workers (1 core, 1 GiB each) for"
                    + " batch/stream --master spark://... Every part is restarted when it dies. Its files are in"
                    + " <data-dir>/cluster; bootstrap.servers must be unset."})
    private boolean cluster;

    @Override
    public Integer call() throws InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Map<String, String> overrides = new HashMap<>();
        if (userId != null) {
            overrides.put(StackSettings.USER_ID.name(), userId);
        }
        if (bootstrapServers != null) {
            overrides.put(StackSettings.BOOTSTRAP_SERVERS.name(), bootstrapServers);
        }
        var settings = root.settings(StackSettings.ALL).with(overrides);
        var out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Consumer<String> console = line -> {
            out.println(line);
            out.flush();
        };
        RunningStack stack = cluster
                ? LocalCluster.start(root.dataDir(), root.configFile(), settings, ConnectWorker.Plugin.fromHome(),
                        SparkJvm.home(), console)
                : LocalStack.start(root.dataDir(), root.configFile(), settings, console);
        Thread hook = new Thread(() -> {
            out.println("Stopping...");
            out.flush();
            stack.close();
            stopped.countDown();
        }, "pinpipe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stack.failure().thenRun(stopped::countDown);
        out.println("pinpipe is up. Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        if (stack.failure().isDone() && removed(hook)) {
            // Never run on with a dead part: stop everything, say why, and fail.
            out.println("pinpipe: stopping everything: " + stack.failure().join());
            out.flush();
            stack.close();
            return 1;
        }
        return 0;
    }

    /** Whether the stop hook was removed; false when it is running already (a Ctrl-C came first). */
    private static boolean removed(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
