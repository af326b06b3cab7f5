package io.pinpipe.cli.supervision;

import io.pinpipe.common.Await;
import io.pinpipe.gateway.ops.Components;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisorTest {

    private static final Voice<FakeProcess> VOICE = new Voice<>("Fake      ", "the fake process",
            process -> "running at " + process.endpoint, process -> "; log " + process.endpoint + ".log");

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final Components health = new Components();
    private final CompletableFuture<String> gaveUp = new CompletableFuture<>();

    @Test
    void aProcessThatDiesIsRestartedAndHealthSaysSoMeanwhile() throws Exception {
        FakeProcess first = new FakeProcess("first");
        FakeProcess second = new FakeProcess("second");
        CountDownLatch restartMayFinish = new CountDownLatch(1);
        Supervised.Starter<FakeProcess> starter = () -> {
            restartMayFinish.await();
            return second;
        };
        try (Supervisor<FakeProcess> supervisor = supervising(first, starter, Duration.ofMillis(10))) {
            assertThat(health.snapshot().get("fake")).isEqualTo(new Components.State(Components.UP,
                    "running at first"));

            first.crash(137);

            assertThat(Await.until(Duration.ofSeconds(10),
                    () -> "RESTARTING".equals(health.snapshot().get("fake").status()))).isTrue();
            assertThat(first.stopped.getCount()).as("the dead process is let go of").isZero();
            restartMayFinish.countDown();
            assertThat(Await.until(Duration.ofSeconds(10), () -> supervisor.current() == second)).isTrue();
            assertThat(Await.until(Duration.ofSeconds(10), () -> printed.size() == 3)).isTrue();
            assertThat(printed).containsExactly(
                    "Fake      exited unexpectedly (exit code 137; log first.log)",
                    "Fake      restarting in 10 ms (restart 1 of at most 5 in a row)",
                    "Fake      restarted: running at second");
            assertThat(health.snapshot().get("fake").detail()).isEqualTo("running at second (restarted)");
            assertThat(gaveUp).isNotDone();
        }
        assertThat(second.stopped.getCount()).as("closing the supervisor stops the process").isZero();
    }

    @Test
    void aProcessThatCannotBeRestartedStopsItsOwnerLoudly() throws Exception {
        FakeProcess first = new FakeProcess("first");
        AtomicInteger attempts = new AtomicInteger();
        Supervised.Starter<FakeProcess> failing = () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("port in use");
        };
        try (Supervisor<FakeProcess> supervisor = supervising(first, failing, Duration.ofMillis(10))) {
            first.crash(1);

            String why = gaveUp.get(30, TimeUnit.SECONDS);

            assertThat(why).isEqualTo("the fake process could not be kept running (5 restarts in a row; last: "
                    + "port in use)");
            assertThat(attempts).hasValue(Supervisor.MAX_RESTARTS);
            assertThat(printed).contains("Fake      restart 5 failed: port in use");
            assertThat(health.snapshot().get("fake")).isEqualTo(new Components.State("DOWN", why));
            assertThat(supervisor.current()).isSameAs(first);
        }
    }

    @Test
    void aProcessStoppedOnPurposeIsNotRestarted() throws Exception {
        FakeProcess first = new FakeProcess("first");
        AtomicInteger attempts = new AtomicInteger();
        Supervisor<FakeProcess> supervisor = supervising(first, () -> {
            attempts.incrementAndGet();
            return new FakeProcess("never");
        }, Duration.ofMillis(10));

        supervisor.close();

        assertThat(first.stopped.getCount()).isZero();
        assertThat(attempts).hasValue(0);
        assertThat(printed).isEmpty();
    }

    @Test
    void aGatewayStartedLaterIsToldTheStateNow() throws Exception {
        FakeProcess first = new FakeProcess("first");
        try (Supervisor<FakeProcess> supervisor = supervising(first, () -> first, Duration.ofMillis(10))) {
            Components later = new Components();

            supervisor.reportTo(later);

            assertThat(later.snapshot().get("fake")).isEqualTo(health.snapshot().get("fake"));
        }
    }

    @Test
    void restartsBackOffByDoublingUpToThirtySeconds() {
        assertThat(Supervisor.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Supervisor.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Supervisor.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Supervisor.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Supervisor.delay(40)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aNamedVoiceSpeaksInTheBannersColumns() {
        Voice<FakeProcess> voice = Voice.named("broker-2", process -> process.endpoint);

        assertThat(voice.label()).isEqualTo("broker-2  ");
        assertThat(voice.subject()).isEqualTo("broker-2");
        assertThat(voice.exitDetail().apply(new FakeProcess("x"))).isEmpty();
    }

    private Supervisor<FakeProcess> supervising(FakeProcess first, Supervised.Starter<FakeProcess> starter,
                                                Duration backOffUnit) {
        return Supervisor.of("fake", VOICE, starter).health(List.of(health)).console(printed::add)
                .onGiveUp(gaveUp::complete).backOffUnit(backOffUnit).watch(first);
    }

    /** A process whose exit the test decides. */
    private static final class FakeProcess implements Supervised {
        private final String endpoint;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final CountDownLatch stopped = new CountDownLatch(1);

        FakeProcess(String endpoint) {
            this.endpoint = endpoint;
        }

        void crash(int exitCode) {
            exit.complete(exitCode);
        }

        @Override
        public int awaitExit() throws InterruptedException {
            try {
                return exit.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            stopped.countDown();
            exit.complete(0);
        }
    }
}
