package io.pinpipe.cli.cluster;

import io.pinpipe.broker.BrokerNode;
import io.pinpipe.common.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Kafka broker of the local cluster in its own JVM ({@link BrokerNode}), so that one can be killed: its data and
 * {@code broker.log} in its folder. Started in two steps because the three nodes of a KRaft quorum must start
 * together: {@link #launch} starts the JVM, {@link #awaitReady} waits until it answers clients.
 */
final class BrokerJvm {

    static final String HEAP = "256m";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private BrokerJvm() {
    }

    /**
     * Starts the broker's JVM without waiting for it.
     *
     * @param settings the node's broker settings (node id, listeners, quorum voters, replication)
     */
    static LoggedJvm launch(String classPath, Path folder, int clientPort, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(folder);
        List<String> args = new ArrayList<>(List.of(folder.toString(), Integer.toString(clientPort)));
        settings.forEach((key, value) -> args.add(key + "=" + value));
        List<String> command = ChildProcess.javaCommand(List.of("-Xms64m", "-Xmx" + HEAP, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.level=WARN"), classPath, BrokerNode.class.getName(), args);
        return LoggedJvm.start(new ProcessBuilder(command), folder.resolve("broker.log"), "Kafka broker",
                "127.0.0.1:" + clientPort, STOP_GRACE);
    }

    /** Waits until the broker answers clients. */
    static LoggedJvm awaitReady(LoggedJvm broker, Duration timeout) throws IOException, InterruptedException {
        return broker.awaitLogged(BrokerNode.READY, timeout);
    }
}
