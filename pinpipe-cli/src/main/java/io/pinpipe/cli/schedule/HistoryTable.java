package io.pinpipe.cli.schedule;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Prints the run history as a table people can read. */
final class HistoryTable {

    private static final String FORMAT = "%-12s %-7s %-9s %-22s %10s  %s%n";

    private HistoryTable() {
    }

    static void print(List<RunRecord> records, PrintWriter out) {
        if (records.isEmpty()) {
            out.println("no runs yet");
            return;
        }
        out.printf(FORMAT, "date", "attempt", "outcome", "started (UTC)", "duration", "message");
        for (RunRecord record : records) {
            out.printf(FORMAT, record.logicalDate(), record.attempt(), record.outcome().name().toLowerCase(),
                    record.started().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                    Scheduler.human(Duration.ofMillis(record.durationMillis())), record.message());
        }
        long failed = records.stream().filter(r -> r.outcome() == RunRecord.Outcome.FAILED).count();
        long succeeded = records.stream().filter(r -> r.outcome() == RunRecord.Outcome.SUCCESS).count();
        out.printf("%d attempts: %d runs succeeded, %d failed%n", records.size(), succeeded, failed);
    }
}
