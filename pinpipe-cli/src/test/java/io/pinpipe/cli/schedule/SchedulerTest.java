package io.pinpipe.cli.schedule;

import io.pinpipe.cli.schedule.RunRecord.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTest {

    private static final Instant TUESDAY_10AM = Instant.parse("2024-03-05T10:00:00Z");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(TUESDAY_10AM);
    private final List<String> log = new ArrayList<>();

    @Test
    void dailyRunAtMidnightProcessesTheDayThatEnded() throws Exception {
        List<LocalDate> dates = new ArrayList<>();
        List<Instant> startedAt = new ArrayList<>();
        Scheduler scheduler = scheduler("@daily", RetryPolicy.COURSE_DAG, date -> {
            dates.add(date);
            startedAt.add(clock.instant());
            return 0;
        });

        scheduler.run(2);

        assertThat(dates).containsExactly(LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 6));
        assertThat(startedAt).containsExactly(Instant.parse("2024-03-06T00:00:00Z"),
                Instant.parse("2024-03-07T00:00:00Z"));
    }

    @Test
    void failedRunIsRetriedTwiceTwoMinutesApartAsTheCourseDag() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Scheduler scheduler = scheduler("@daily", RetryPolicy.COURSE_DAG,
                date -> calls.incrementAndGet() < 3 ? 1 : 0);

        RunRecord last = scheduler.runOnce(LocalDate.of(2024, 1, 1));

        List<RunRecord> history = history().read();
        assertThat(history).extracting(RunRecord::outcome)
                .containsExactly(Outcome.RETRYING, Outcome.RETRYING, Outcome.SUCCESS);
        assertThat(Duration.between(history.get(0).started(), history.get(1).started())).isEqualTo(Duration.ofMinutes(2));
        assertThat(Duration.between(history.get(1).started(), history.get(2).started())).isEqualTo(Duration.ofMinutes(2));
        assertThat(last.attempt()).isEqualTo(3);
    }

    @Test
    void runThatKeepsFailingStopsAfterThreeAttempts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Scheduler scheduler = scheduler("@daily", RetryPolicy.COURSE_DAG, date -> {
            calls.incrementAndGet();
            throw new IllegalStateException("lake not reachable");
        });

        RunRecord last = scheduler.runOnce(LocalDate.of(2024, 1, 1));

        assertThat(calls).hasValue(3);
        assertThat(last.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(last.message()).isEqualTo("lake not reachable");
        assertThat(history().read()).hasSize(3);
    }

    @Test
    void zeroRetriesMeansOneAttempt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Scheduler scheduler = scheduler("@daily", new RetryPolicy(0, Duration.ZERO), date -> {
            calls.incrementAndGet();
            return 2;
        });

        assertThat(scheduler.runOnce(LocalDate.of(2024, 1, 1)).exitCode()).isEqualTo(2);
        assertThat(calls).hasValue(1);
    }

    @Test
    void runsWhoseTimePassedDuringALongRunStillHappenInOrder() throws Exception {
        List<LocalDate> dates = new ArrayList<>();
        Scheduler scheduler = scheduler("@daily", RetryPolicy.COURSE_DAG, date -> {
            dates.add(date);
            clock.advance(Duration.ofHours(50));
            return 0;
        });

        scheduler.run(3);

        assertThat(dates).containsExactly(LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 6),
                LocalDate.of(2024, 3, 7));
    }

    @Test
    void twoSchedulersOnOneDataFolderNeverRunAtTheSameTime() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> messages = new CopyOnWriteArrayList<>();
        Job slow = date -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(300);
            running.decrementAndGet();
            return 0;
        };
        Path lockFile = dir.resolve("scheduler.lock");
        Scheduler first = new Scheduler(Schedule.parse("@daily"), RetryPolicy.COURSE_DAG, slow, history(), lockFile,
                Clock.systemUTC(), Sleeper.REAL, messages::add);
        Scheduler second = new Scheduler(Schedule.parse("@daily"), RetryPolicy.COURSE_DAG, slow, history(), lockFile,
                Clock.systemUTC(), Sleeper.REAL, messages::add);
        CountDownLatch done = new CountDownLatch(2);

        for (Scheduler scheduler : List.of(first, second)) {
            new Thread(() -> {
                try {
                    scheduler.runOnce(LocalDate.of(2024, 1, 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();

        assertThat(mostAtOnce).hasValue(1);
        assertThat(history().read()).extracting(RunRecord::outcome).containsExactly(Outcome.SUCCESS, Outcome.SUCCESS);
        assertThat(messages).anyMatch(message -> message.contains("waiting"));
    }

    private Scheduler scheduler(String expression, RetryPolicy retryPolicy, Job job) {
        return new Scheduler(Schedule.parse(expression), retryPolicy, job, history(), dir.resolve("scheduler.lock"),
                clock, clock.sleeper(), log::add);
    }

    private RunHistory history() {
        return new RunHistory(dir.resolve("history.jsonl"));
    }
}
