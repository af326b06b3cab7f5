package io.pinpipe.cli.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinpipe.cli.connect.ConsumerLag;
import io.pinpipe.cli.schedule.RunHistory;
import io.pinpipe.cli.schedule.RunRecord;
import io.pinpipe.common.Topics;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reads every stage once ({@link #read()}): the gateway's counters, Kafka's end offsets, the lake sink's committed
 * offsets and state, the lake, the stream checkpoint, both warehouses and the run history. Blocking (Kafka, files):
 * call it from a worker thread, never an event loop.
 */
final class PipelineProbe {

    /** Where the stages keep what the probe reads; {@code lake} is empty when the lake is not a local folder. */
    record Places(Optional<LakeTally> lake, DeltaTally batchWarehouse, DeltaTally streamWarehouse,
                  Path streamCheckpoint, RunHistory runs, Path report) {
    }

    private static final int HISTORY_SHOWN = 10;

    private final Admin admin;
    private final MeterRegistry metrics;
    private final Topics topics;
    private final String sinkName;
    private final Supplier<String> sinkState;
    private final Places places;
    private final Clock clock;

    PipelineProbe(Admin admin, MeterRegistry metrics, Topics topics, String sinkName, Supplier<String> sinkState,
                  Places places, Clock clock) {
        this.admin = admin;
        this.metrics = metrics;
        this.topics = topics;
        this.sinkName = sinkName;
        this.sinkState = sinkState;
        this.places = places;
        this.clock = clock;
    }

    Readings read() {
        Instant at = clock.instant();
        long acknowledged = count(metrics.find("pinpipe.gateway.records").counter());
        long streamsAcknowledged = count(metrics.find("pinpipe.gateway.streams.records").tag("outcome", "stored")
                .counter());
        List<String> all = new ArrayList<>(topics.batchTopics());
        all.addAll(topics.streamingTopics());
        Map<String, Map<Integer, Long>> ends = TopicEnds.of(admin, all);
        Map<String, PipelineSnapshot.LakeTopic> lake = new HashMap<>();
        places.lake().ifPresent(tally -> topics.batchTopics().forEach(topic -> lake.put(topic, tally.of(topic))));
        return new Readings(at, acknowledged, streamsAcknowledged, ends, sinkCommitted(), sinkState.get(), lake,
                StreamCheckpoint.last(places.streamCheckpoint()), places.batchWarehouse().tables(),
                places.streamWarehouse().tables(), runs());
    }

    private Map<String, Map<Integer, Long>> sinkCommitted() {
        try {
            Map<String, Map<Integer, Long>> committed = new TreeMap<>();
            for (ConsumerLag.PartitionLag lag : ConsumerLag.of(admin, sinkName, String.join(",",
                    topics.batchTopics()), null)) {
                if (lag.committed() >= 0) {
                    committed.computeIfAbsent(lag.partition().topic(), any -> new TreeMap<>())
                            .put(lag.partition().partition(), lag.committed());
                }
            }
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the lake sink's offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the lake sink's committed offsets (group connect-"
                    + sinkName + "): " + e.getMessage(), e);
        }
    }

    private PipelineSnapshot.Runs runs() {
        List<RunRecord> history = new ArrayList<>(places.runs().read());
        Collections.reverse(history);
        List<RunRecord> shown = history.subList(0, Math.min(HISTORY_SHOWN, history.size()));
        Path report = places.report();
        try {
            Instant written = Files.exists(report) ? Files.getLastModifiedTime(report).toInstant() : null;
            return new PipelineSnapshot.Runs(shown.isEmpty() ? null : shown.get(0), List.copyOf(shown),
                    written == null ? null : report.toString(), written);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + report, e);
        }
    }

    private static long count(Counter counter) {
        return counter == null ? 0 : (long) counter.count();
    }
}
