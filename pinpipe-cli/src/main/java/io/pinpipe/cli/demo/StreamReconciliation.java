package io.pinpipe.cli.demo;

import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.common.SourceTable;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo's books for the stream path, per table: the records Kafka's streaming topics hold (what the streams API
 * acknowledged on fresh topics) and the rows the stream's Delta tables hold (one per distinct id), which must equal
 * the distinct ids the batch path found for the same draws.
 */
record StreamReconciliation(Map<SourceTable, Long> inKafka, Map<SourceTable, Long> rows,
                            Map<SourceTable, Long> distinctInds, Map<SourceTable, Integer> expectedRows) {

    /** The line {@code pinpipe stream --available-now} prints per table: {@code pin: 12 rows, 12 distinct ind}. */
    private static final Pattern TABLE_LINE = Pattern.compile("^(pin|geo|user): (\\d+) rows, (\\d+) distinct ind$",
            Pattern.MULTILINE);

    /**
     * @param jobOutput    what the streaming job printed
     * @param expectedRows the distinct ids per table of the same draws (from the batch path)
     * @throws IllegalStateException when the job printed no counts for a table
     */
    static StreamReconciliation of(LocalStack stack, String jobOutput, Map<SourceTable, Integer> expectedRows) {
        Map<SourceTable, Long> kafka = new EnumMap<>(SourceTable.class);
        for (SourceTable table : SourceTable.values()) {
            kafka.put(table, Reconciliation.endOffsets(stack.gateway().context().admin(),
                    stack.topics().streaming(table)));
        }
        Map<SourceTable, Long> rows = new EnumMap<>(SourceTable.class);
        Map<SourceTable, Long> distinct = new EnumMap<>(SourceTable.class);
        Matcher line = TABLE_LINE.matcher(jobOutput);
        while (line.find()) {
            SourceTable table = SourceTable.of(line.group(1));
            rows.put(table, Long.parseLong(line.group(2)));
            distinct.put(table, Long.parseLong(line.group(3)));
        }
        if (rows.size() != SourceTable.values().length) {
            throw new IllegalStateException("the streaming job did not report the rows of its tables");
        }
        return new StreamReconciliation(kafka, rows, distinct, expectedRows);
    }

    /** Kafka holds {@code acknowledged} records and every table one row per distinct id of the draws. */
    boolean balances(long acknowledged) {
        return total(inKafka) == acknowledged && rows.equals(distinctInds) && List.of(SourceTable.values()).stream()
                .allMatch(table -> rows.get(table).longValue() == expectedRows.get(table));
    }

    String describe(long acknowledged) {
        long tableRows = total(rows);
        String perTable = List.of(SourceTable.values()).stream().map(table -> table.shortName() + " "
                + inKafka.get(table) + "/" + rows.get(table)).collect(Collectors.joining(", "));
        return String.format("acknowledged %,d = in Kafka %,d -> %,d stream table rows (one per distinct id) after"
                        + " %,d repeated draws removed (%s: kafka/rows) %s", acknowledged, total(inKafka), tableRows,
                total(inKafka) - tableRows, perTable, balances(acknowledged) ? "OK" : "MISMATCH");
    }

    private static long total(Map<SourceTable, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
