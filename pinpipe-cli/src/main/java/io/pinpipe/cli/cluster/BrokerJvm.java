package io.pinpipe.cli.cluster;

import io.pinpipe.broker.BrokerNode;
import io.pinpipe.common.process.ChildProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Kafka broker of the local cluster in its own JVM ({@link BrokerNode} through {@link ChildProcess}, so it dies
 * with pinpipe): its data and {@code broker.log} in its folder. Started in two steps because the three nodes of a
 * KRaft quorum must start together: {@link #launch} starts the JVM, {@link #awaitReady} waits until it answers.
 */
final class BrokerJvm implements ClusterNode {

    static final String HEAP = "256m";
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final Path log;
    private final long logStart;
    private final String address;

    private BrokerJvm(ChildProcess process, Path log, long logStart, String address) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
        this.address = address;
    }

    /**
     * Starts the broker's JVM without waiting for it.
     *
     * @param settings the node's broker settings (node id, listeners, quorum voters, replication)
     */
    static BrokerJvm launch(String classPath, Path folder, int clientPort, Map<String, String> settings)
            throws IOException {
        Files.createDirectories(folder);
        List<String> args = new ArrayList<>(List.of(folder.toString(), Integer.toString(clientPort)));
        settings.forEach((key, value) -> args.add(key + "=" + value));
        List<String> command = ChildProcess.javaCommand(List.of("-Xms64m", "-Xmx" + HEAP, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.level=WARN"), classPath, BrokerNode.class.getName(), args);
        Path log = folder.resolve("broker.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new BrokerJvm(ChildProcess.start(builder, "Kafka broker", STOP_GRACE), log, logStart,
                "127.0.0.1:" + clientPort);
    }

    /** Waits until the broker printed that it answers clients; kills it and fails when it does not in time. */
    BrokerJvm awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker at " + address + " exited with code "
                        + process.process().exitValue() + " (log " + log + ")");
            }
            if (printedReady()) {
                return this;
            }
            Thread.sleep(200);
        }
        process.kill();
        throw new IllegalStateException("the broker at " + address + " was not ready within " + timeout.toSeconds()
                + " s (log " + log + ")");
    }

    private boolean printedReady() throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, bytes.length);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).contains(BrokerNode.READY);
    }

    @Override
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void stop() {
        process.close();
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String endpoint() {
        return address + " (log " + log + ")";
    }

    String address() {
        return address;
    }
}
