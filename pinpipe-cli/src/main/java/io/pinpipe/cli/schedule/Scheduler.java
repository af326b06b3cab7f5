package io.pinpipe.cli.schedule;

import io.pinpipe.cli.schedule.RunRecord.Outcome;
import io.pinpipe.common.process.LockFile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * Runs a {@link Job} on a {@link Schedule}, the way the course's Airflow DAG does: each run covers the interval
 * that just ended (a {@code @daily} run firing at midnight processes the day before, Airflow's {@code ds}), a failed
 * run is retried after a delay, and runs never overlap — neither here nor with another pinpipe process on the same
 * data folder. A run whose time passed while the previous one was still going starts as soon as it can, so no
 * interval is skipped. Every attempt is appended to the {@link RunHistory}.
 */
public final class Scheduler {

    private final Schedule schedule;
    private final RetryPolicy retryPolicy;
    private final Job job;
    private final RunHistory history;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RunLock lock;
    private final Consumer<String> log;

    public Scheduler(Schedule schedule, RetryPolicy retryPolicy, Job job, RunHistory history, Path lockFile,
                     Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.schedule = schedule;
        this.retryPolicy = retryPolicy;
        this.job = job;
        this.history = history;
        this.clock = clock;
        this.sleeper = sleeper;
        this.lock = new RunLock(lockFile, sleeper);
        this.log = log;
    }

    /**
     * Fires {@code maxRuns} scheduled runs (use {@link Long#MAX_VALUE} to go on until interrupted), the first at the
     * schedule's next time after now.
     */
    public void run(long maxRuns) throws InterruptedException {
        ZonedDateTime fireTime = schedule.nextAfter(ZonedDateTime.now(clock));
        for (long run = 0; run < maxRuns; run++) {
            Duration wait = Duration.between(clock.instant(), fireTime.toInstant());
            if (!wait.isNegative() && !wait.isZero()) {
                log.accept("next run at " + fireTime + " (in " + human(wait) + ")");
                sleeper.sleep(wait);
            }
            runOnce(schedule.previousBefore(fireTime).toLocalDate());
            fireTime = schedule.nextAfter(fireTime);
        }
    }

    /** Runs the job for one logical date, with retries, holding the run lock; returns the last attempt. */
    public RunRecord runOnce(LocalDate logicalDate) throws InterruptedException {
        try (LockFile held = lock.acquire(() -> log.accept("another run is in progress; waiting for it"))) {
            RunRecord last = null;
            for (int attempt = 1; attempt <= retryPolicy.attempts(); attempt++) {
                last = attempt(logicalDate, attempt);
                history.append(last);
                if (last.outcome() != Outcome.RETRYING) {
                    return last;
                }
                log.accept("run for " + logicalDate + " failed (attempt " + attempt + " of " + retryPolicy.attempts()
                        + "): " + last.message() + "; retrying in " + human(retryPolicy.delay()));
                sleeper.sleep(retryPolicy.delay());
            }
            return last;
        }
    }

    private RunRecord attempt(LocalDate logicalDate, int attempt) throws InterruptedException {
        Instant started = clock.instant();
        int exitCode;
        String message;
        try {
            exitCode = job.run(logicalDate);
            message = exitCode == 0 ? "ok" : "exit code " + exitCode;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            exitCode = -1;
            message = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
        }
        Instant finished = clock.instant();
        Outcome outcome = exitCode == 0 ? Outcome.SUCCESS
                : attempt < retryPolicy.attempts() ? Outcome.RETRYING : Outcome.FAILED;
        log.accept("run for " + logicalDate + " attempt " + attempt + ": " + outcome.name().toLowerCase() + " in "
                + human(Duration.between(started, finished)));
        return new RunRecord(logicalDate, attempt, started, finished, Duration.between(started, finished).toMillis(),
                outcome, exitCode, message);
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
