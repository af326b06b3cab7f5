package io.pinpipe.cli.schedule;

import io.pinpipe.cli.DurationConverter;
import io.pinpipe.cli.Main;
import io.pinpipe.cli.PinpipeCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pinpipe schedule}: the batch job on a schedule, as the course's Airflow DAG runs it. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Run the batch job on a schedule (cron or @daily), with retries, one run at a time.",
                "Each run processes the interval that just ended (a @daily run at midnight processes the day"
                        + " before). Every attempt is kept in <data-dir>/schedule/history.jsonl."})
public final class ScheduleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--cron", paramLabel = "EXPR", defaultValue = "@daily",
            description = "A cron line (minute hour day month weekday, UTC) or @hourly, @daily, @weekly, @monthly."
                    + " Default: ${DEFAULT-VALUE}.")
    private String cron;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Tries again after a failure this many times. Default: ${DEFAULT-VALUE} (the course's DAG).")
    private int retries;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "2m",
            converter = DurationConverter.class,
            description = "Wait between tries, e.g. 30s, 2m, 1h. Default: ${DEFAULT-VALUE}.")
    private Duration retryDelay;

    @Option(names = "--once", description = "Run once now for --date (a backfill) and exit with its outcome.")
    private boolean once;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "With --once: the day to process. Default: yesterday (UTC).")
    private LocalDate date;

    @Option(names = "--history", description = "Print the run history and exit.")
    private boolean showHistory;

    @Option(names = "--max-runs", paramLabel = "N", hidden = true, defaultValue = "" + Long.MAX_VALUE,
            description = "Stop after N scheduled runs (for tests).")
    private long maxRuns;

    @Override
    public Integer call() throws InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Path folder = root.dataFolder().schedule();
        RunHistory history = RunHistory.in(root.dataFolder());
        PrintWriter out = spec.commandLine().getOut();
        if (showHistory) {
            HistoryTable.print(history.read(), out);
            return 0;
        }
        if (date != null && !once) {
            throw new IllegalArgumentException("--date goes with --once");
        }
        Schedule schedule = Schedule.parse(cron);
        Scheduler scheduler = new Scheduler(schedule, new RetryPolicy(retries, retryDelay), batchJob(root),
                history, folder.resolve("scheduler.lock"), Clock.systemUTC(), Sleeper.REAL, line -> {
                    out.println("schedule: " + line);
                    out.flush();
                });
        if (once) {
            LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC).minusDays(1);
            RunRecord last = scheduler.runOnce(day);
            out.println("schedule: run for " + day + " " + last.outcome().name().toLowerCase() + " after "
                    + last.attempt() + " attempt(s)");
            return last.exitCode() == 0 ? 0 : 1;
        }
        out.println("schedule: batch job on '" + schedule + "' (UTC), " + retries + " retries " + retryDelay
                .toSeconds() + " s apart; history in " + history.file());
        scheduler.run(maxRuns);
        return 0;
    }

    /**
     * The job for day D: {@code pinpipe batch --since D --until D+1} on the same data folder and config, so a run
     * merges what the lake received that day into the tables and answers the questions over all of them.
     */
    private static Job batchJob(PinpipeCommand root) {
        return day -> {
            List<String> args = new ArrayList<>(root.forwardedOptions());
            args.addAll(List.of("batch", "--since", day.toString(), "--until", day.plusDays(1).toString()));
            return Main.run(args.toArray(String[]::new));
        };
    }
}
