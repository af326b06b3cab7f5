package io.pinpipe.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.cli.connect.LakeLocation;
import io.pinpipe.cli.live.TopicEnds;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's books: per table, the records Kafka holds (what the gateway acknowledged on fresh topics), the lines in
 * the lake, the lake files, and the distinct row ids among them (the rows the clean tables get, one per id).
 */
record Reconciliation(Map<SourceTable, Long> inKafka, Map<SourceTable, Long> inLake, Map<SourceTable, Integer> distinct,
                      int files) {

    /**
     * Waits until the lake holds as many records as Kafka for every table, or the timeout passes. While waiting only
     * lines are counted; the lines are parsed for their ids once, at the end.
     *
     * @param sinkLake where the stack's lake sink writes (it must be a local folder)
     */
    static Reconciliation await(LocalStack stack, LakeLocation sinkLake, Duration timeout)
            throws InterruptedException {
        Path lake = sinkLake.localFolder("demo's reconciliation");
        TopicLayout layout = sinkLake.layout();
        long deadline = System.nanoTime() + timeout.toNanos();
        Reconciliation counts = count(stack, lake, layout, false);
        while (!counts.lakeHoldsKafka() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            counts = count(stack, lake, layout, false);
        }
        return count(stack, lake, layout, true);
    }

    private static Reconciliation count(LocalStack stack, Path lake, TopicLayout layout, boolean withIds) {
        Map<SourceTable, Long> kafka = new EnumMap<>(SourceTable.class);
        Map<SourceTable, Long> lines = new EnumMap<>(SourceTable.class);
        Map<SourceTable, Integer> distinct = new EnumMap<>(SourceTable.class);
        int files = 0;
        for (SourceTable table : SourceTable.values()) {
            String topic = stack.topics().batch(table);
            kafka.put(table, endOffsets(stack.gateway().context().admin(), topic));
            List<Path> topicFiles = LakeFiles.of(lake, layout, topic);
            files += topicFiles.size();
            Set<Integer> ids = new HashSet<>();
            long count = 0;
            for (String line : LakeFiles.lines(topicFiles)) {
                count++;
                if (withIds) {
                    ids.add(id(line, table));
                }
            }
            lines.put(table, count);
            distinct.put(table, ids.size());
        }
        return new Reconciliation(kafka, lines, distinct, files);
    }

    boolean lakeHoldsKafka() {
        return inKafka.equals(inLake);
    }

    String describeLanding() {
        return "in Kafka " + total(inKafka) + " records, in the lake " + total(inLake) + " records in " + files
                + " files";
    }

    String describe() {
        long records = total(inKafka);
        long rows = distinct.values().stream().mapToLong(Integer::longValue).sum();
        String perTable = List.of(SourceTable.values()).stream().map(table -> table.shortName() + " "
                + inKafka.get(table) + "/" + inLake.get(table) + "/" + distinct.get(table))
                .collect(Collectors.joining(", "));
        return String.format("acknowledged %,d = in Kafka %,d = in the lake %,d -> %,d table rows after %,d repeated"
                        + " draws removed (%s: kafka/lake/rows) %s", records, records, total(inLake), rows,
                total(inLake) - rows, perTable, lakeHoldsKafka() ? "OK" : "MISMATCH");
    }

    private static long total(Map<SourceTable, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    static long endOffsets(Admin admin, String topic) {
        return TopicEnds.total(admin, topic);
    }

    private static int id(String line, SourceTable table) {
        try {
            JsonNode node = JsonCodec.get().mapper().readTree(line);
            return node.path(table.keyColumn()).asInt();
        } catch (IOException e) {
            throw new UncheckedIOException("a lake line is not JSON: " + line, e);
        }
    }
}
