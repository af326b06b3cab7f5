package io.pinpipe.cli.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one refresh read from every stage, before any arithmetic: the raw input of {@link PipelineBooks}.
 *
 * @param acknowledged        records the gateway's produce routes got Kafka's acknowledgement for, since it started
 * @param streamsAcknowledged the same for the streams API
 * @param ends                topic -> partition -> end offset, for every pipeline topic
 * @param sinkCommitted       topic -> partition -> the lake sink's committed offset (absent: nothing committed)
 * @param sinkState           the connector's state, or {@code DOWN} when no worker answers
 * @param lake                batch topic -> what it landed in the lake; empty when the lake is not a local folder
 * @param microBatch          the stream job's last committed micro-batch, if it ever ran
 */
record Readings(Instant at, long acknowledged, long streamsAcknowledged, Map<String, Map<Integer, Long>> ends,
                Map<String, Map<Integer, Long>> sinkCommitted, String sinkState,
                Map<String, PipelineSnapshot.LakeTopic> lake, Optional<PipelineSnapshot.MicroBatch> microBatch,
                List<PipelineSnapshot.Table> batchTables, List<PipelineSnapshot.Table> streamTables,
                PipelineSnapshot.Runs runs) {

    long inKafka(String topic) {
        return ends.getOrDefault(topic, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    long inKafka(List<String> topics) {
        return topics.stream().mapToLong(this::inKafka).sum();
    }

    long inLake(List<String> topics) {
        return topics.stream().map(lake::get).filter(Objects::nonNull)
                .mapToLong(PipelineSnapshot.LakeTopic::records).sum();
    }
}
