package io.pinpipe.cli.cluster;

import io.pinpipe.common.Await;
import io.pinpipe.gateway.ops.Components;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSupervisorTest {

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final Components health = new Components();
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();

    @Test
    void aNodeThatDiesIsRestartedAndHealthSaysSoMeanwhile() throws Exception {
        FakeNode first = new FakeNode("first");
        FakeNode second = new FakeNode("second");
        try (NodeSupervisor supervisor = NodeSupervisor.watch("broker-2", first, () -> second, List.of(health),
                printed::add, gaveUp::complete)) {
            assertThat(health.snapshot().get("broker-2").status()).isEqualTo(Components.UP);

            first.crash(137);

            assertThat(Await.until(Duration.ofSeconds(10), () -> supervisor.current() == second)).isTrue();
            assertThat(printed).contains("broker-2 exited unexpectedly (exit code 137)",
                    "broker-2: restarted at second");
            assertThat(health.snapshot().get("broker-2").detail()).isEqualTo("second (restarted)");
            assertThat(gaveUp).isNotDone();
        }
        assertThat(second.stopped.getCount()).as("closing the supervisor stops the node").isZero();
    }

    @Test
    void aNodeThatCannotBeRestartedStopsTheClusterLoudly() throws Exception {
        FakeNode first = new FakeNode("first");
        AtomicInteger attempts = new AtomicInteger();
        ClusterNode.Starter failing = () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("port in use");
        };
        try (NodeSupervisor supervisor = NodeSupervisor.watch("connect-1", first, failing, List.of(health),
                printed::add, gaveUp::complete, Duration.ofMillis(10))) {
            first.crash(1);

            String why = gaveUp.get(30, TimeUnit.SECONDS);

            assertThat(why).contains("connect-1 could not be kept running", "port in use");
            assertThat(attempts).hasValue(NodeSupervisor.MAX_RESTARTS);
            assertThat(health.snapshot().get("connect-1").status()).isEqualTo("DOWN");
        }
    }

    @Test
    void restartsBackOffByDoublingUpToThirtySeconds() {
        assertThat(NodeSupervisor.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(NodeSupervisor.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(NodeSupervisor.delay(6)).isEqualTo(Duration.ofSeconds(30));
    }

    /** A node whose exit the test decides. */
    private static final class FakeNode implements ClusterNode {
        private final String endpoint;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final CountDownLatch stopped = new CountDownLatch(1);

        FakeNode(String endpoint) {
            this.endpoint = endpoint;
        }

        void crash(int exitCode) {
            exit.complete(exitCode);
        }

        @Override
        public int awaitExit() throws InterruptedException {
            try {
                return exit.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            stopped.countDown();
            exit.complete(0);
        }

        @Override
        public void kill() {
            exit.complete(137);
        }

        @Override
        public long pid() {
            return 0;
        }

        @Override
        public String endpoint() {
            return endpoint;
        }
    }
}
