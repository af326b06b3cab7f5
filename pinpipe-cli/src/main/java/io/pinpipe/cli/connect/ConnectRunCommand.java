package io.pinpipe.cli.connect;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.StackKafka;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Settings;
import io.pinpipe.common.process.ChildProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code pinpipe connect run}: the lake sink worker in the foreground until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the lake sink worker (standalone Kafka Connect, child JVM) against a running Kafka until"
                + " Ctrl-C.")
final class ConnectRunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "The Kafka cluster to read; overrides setting bootstrap.servers. Default: that setting, else"
                    + " the broker pinpipe up started in the data folder, else " + KafkaCluster.EMBEDDED_BOOTSTRAP + ".")
    private String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Path dataDir = root.dataDir();
        Settings settings = root.settings(ConnectSettings.WORKER);
        PrintWriter out = spec.commandLine().getOut();
        ConnectWorker worker = ConnectWorker.start(dataDir, StackKafka.bootstrapServers(bootstrapServers, settings,
                root.dataFolder()),
                settings, ConnectWorker.Plugin.fromHome());
        worker.notes().forEach(note -> out.println("note: " + note));
        out.println("lake sink running: " + worker.status().tasks().size() + " task(s), REST " + worker.restUrl()
                + ", log " + worker.log());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                worker.stop();
            } catch (java.io.IOException e) {
                // Shutting down anyway; the worker's own hook has run.
            }
            stopped.countDown();
        }, "connect-stop"));
        int exitCode = worker.awaitExit();
        if (stopped.getCount() == 0 || ChildProcess.jvmShuttingDown()) {
            return 0;
        }
        // Nobody asked the worker to stop: say so and fail, rather than end quietly.
        out.println("the Connect worker exited unexpectedly (exit code " + exitCode + "; log " + worker.log() + ")");
        out.flush();
        return 1;
    }
}
