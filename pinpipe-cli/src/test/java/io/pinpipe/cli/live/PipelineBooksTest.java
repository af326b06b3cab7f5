package io.pinpipe.cli.live;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineBooksTest {

    private static final Topics TOPICS = new Topics("t");
    private static final PipelineBooks.Pipeline PIPELINE = new PipelineBooks.Pipeline(TOPICS, "lake", "/lake",
            "/checkpoint");
    private static final Instant T0 = Instant.parse("2026-12-05T04:00:00Z");
    private static final PipelineSnapshot.Runs NO_RUNS = new PipelineSnapshot.Runs(null, List.of(), null, null);

    @Test
    void balancesWhenTheGatewayKafkaAndTheLakeAgree() {
        Readings now = readings(T0.plusSeconds(10), 30, 10, 10, "RUNNING", Optional.empty());

        PipelineSnapshot snapshot = PipelineBooks.snapshot(PIPELINE, empty(), empty(), now, List.of());

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.balanced()).isTrue();
        assertThat(snapshot.gateway().acknowledged()).isEqualTo(30);
        assertThat(snapshot.gateway().batchTopicsTook()).isEqualTo(30);
        assertThat(snapshot.gateway().acknowledgedPerSecond()).isEqualTo(3.0);
        assertThat(snapshot.sink().lag()).isZero();
        assertThat(snapshot.reconciliation()).filteredOn(line -> line.path().equals("batch"))
                .allSatisfy(line -> assertThat(line.landed()).isEqualTo(10));
        assertThat(snapshot.reconciliation()).filteredOn(line -> line.path().equals("stream"))
                .allSatisfy(line -> assertThat(line.balanced()).isTrue());
    }

    @Test
    void aLakeBehindKafkaSaysWhichTopicAndBySomuch() {
        Readings now = readings(T0.plusSeconds(2), 30, 10, 7, "RUNNING", Optional.empty());

        PipelineSnapshot snapshot = PipelineBooks.snapshot(PIPELINE, empty(), empty(), now, List.of());

        assertThat(snapshot.balanced()).isFalse();
        assertThat(snapshot.problems()).hasSize(3).first().asString()
                .startsWith("t.pin: 3 records in Kafka are not in the lake yet (the sink's lag is 3");
    }

    @Test
    void recordsInKafkaTheGatewayDidNotAcknowledgeDoNotBalance() {
        Readings now = readings(T0.plusSeconds(2), 25, 10, 10, "RUNNING", Optional.empty());

        PipelineSnapshot snapshot = PipelineBooks.snapshot(PIPELINE, empty(), empty(), now, List.of());

        assertThat(snapshot.problems()).containsExactly("the gateway acknowledged 25 records since the watch"
                + " began, but the batch topics took 30 (another client writes to them?)");
    }

    @Test
    void aSinkThatIsDownIsAProblemEvenWhenTheBooksBalance() {
        Readings now = readings(T0.plusSeconds(2), 30, 10, 10, "DOWN", Optional.empty());

        PipelineSnapshot snapshot = PipelineBooks.snapshot(PIPELINE, empty(), empty(), now, List.of());

        assertThat(snapshot.balanced()).isFalse();
        assertThat(snapshot.problems()).containsExactly("the lake sink lake is DOWN");
    }

    @Test
    void aStreamJobBehindItsTopicsDoesNotBalanceButOneThatNeverRanIsNoFault() {
        Map<String, Map<Integer, Long>> read = new HashMap<>();
        for (SourceTable table : SourceTable.values()) {
            read.put(TOPICS.streaming(table), Map.of(0, table == SourceTable.GEO ? 4L : 5L));
        }
        Readings behind = readings(T0.plusSeconds(2), 30, 10, 10, "RUNNING",
                Optional.of(new PipelineSnapshot.MicroBatch(7, T0, read)));
        Readings neverRan = readings(T0.plusSeconds(2), 30, 10, 10, "RUNNING", Optional.empty());

        PipelineSnapshot snapshot = PipelineBooks.snapshot(PIPELINE, empty(), empty(), behind, List.of());

        assertThat(snapshot.problems()).containsExactly(TOPICS.streaming(SourceTable.GEO) + ": 1 records in Kafka the stream job has not read yet (is it running?)");
        assertThat(snapshot.stream().lastBatch()).isEqualTo(7);
        assertThat(snapshot.stream().lag()).isEqualTo(1);
        assertThat(PipelineBooks.snapshot(PIPELINE, empty(), empty(), neverRan, List.of()).reconciliation())
                .filteredOn(line -> line.path().equals("stream"))
                .allSatisfy(line -> assertThat(line.difference()).endsWith("no stream job has read it yet"));
    }

    @Test
    void theGatewayCheckCountsOnlyWhatCameAfterTheWatchBegan() {
        Readings start = readings(T0, 0, 100, 100, "RUNNING", Optional.empty());
        Readings now = readings(T0.plusSeconds(2), 30, 110, 110, "RUNNING", Optional.empty());

        PipelineSnapshot snapshot = PipelineBooks.snapshot(PIPELINE, start, start, now, List.of());

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.gateway().batchTopicsTook()).isEqualTo(30);
    }

    private static Readings empty() {
        return readings(T0, 0, 0, 0, "RUNNING", Optional.empty());
    }

    /**
     * Every batch topic with {@code perTopic} records in one partition, all committed by the sink up to
     * {@code inLake}, which the lake holds; every streaming topic with 5 records, acknowledged by the streams API.
     */
    private static Readings readings(Instant at, long acknowledged, long perTopic, long inLake, String sinkState,
                                     Optional<PipelineSnapshot.MicroBatch> microBatch) {
        Map<String, Map<Integer, Long>> ends = new HashMap<>();
        Map<String, Map<Integer, Long>> committed = new HashMap<>();
        Map<String, PipelineSnapshot.LakeTopic> lake = new HashMap<>();
        long streamed = perTopic == 0 ? 0 : 5;
        for (SourceTable table : SourceTable.values()) {
            ends.put(TOPICS.batch(table), Map.of(0, perTopic));
            committed.put(TOPICS.batch(table), Map.of(0, inLake));
            lake.put(TOPICS.batch(table), new PipelineSnapshot.LakeTopic(1, inLake * 100, inLake, at));
            ends.put(TOPICS.streaming(table), Map.of(0, streamed));
        }
        return new Readings(at, acknowledged, streamed * 3, ends, committed, sinkState, lake, microBatch, List.of(),
                List.of(), NO_RUNS);
    }
}
