package io.pinpipe.cli.live;

import io.pinpipe.cli.schedule.RunRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline at one moment, as {@code GET /ui/api/pipeline} answers it (snake_case JSON; docs/live-page.md
 * describes every field). Counts that a stage cannot tell yet are {@code null}, never a made-up zero.
 *
 * @param balanced whether every line of {@code reconciliation} balances and nothing is down
 * @param problems one sentence per stage that is down or does not balance; empty when all is well
 * @param history  the last minutes of totals, oldest first, for the page's rate sparklines
 */
public record PipelineSnapshot(Instant at, Gateway gateway, List<TopicStage> topics, Sink sink, Stream stream,
                               List<Table> batchTables, List<Table> streamTables, Runs runs,
                               List<Books> reconciliation, boolean balanced, List<String> problems,
                               List<Sample> history) {

    /**
     * The gateway's own counts since it started ({@code pinpipe.gateway.records} and
     * {@code pinpipe.gateway.streams.records{outcome=stored}} of /metrics), the rate over the last refresh, and
     * the records the pipeline's topics took since then, which must be the same.
     */
    public record Gateway(long acknowledged, double acknowledgedPerSecond, long batchTopicsTook,
                          long streamsAcknowledged, double streamsPerSecond, long streamingTopicsTook) {
    }

    /**
     * One topic: its end offset per partition and in all; who reads it (the lake sink for a batch topic, the stream
     * job for a streaming one) and how far that reader is behind; for a batch topic what it landed in the lake.
     */
    public record TopicStage(String topic, String kind, String table, List<PartitionOffsets> partitions,
                             long inKafka, Long read, Long lag, LakeTopic lake) {
    }

    /** {@code read}: the reader's committed offset (the next record it will read); null when it has none. */
    public record PartitionOffsets(int partition, long end, Long read, Long lag) {
    }

    /** A topic's files in the lake, their bytes and lines (records), and when the newest one landed. */
    public record LakeTopic(int files, long bytes, long records, Instant newestFile) {
    }

    /** The lake sink: its connector state ({@code RUNNING}, {@code FAILED}..., or {@code DOWN}) and total lag. */
    public record Sink(String name, String state, String lake, long lag) {
    }

    /** The streaming job's checkpoint: its last micro-batch, when it was committed, and the records left to read. */
    public record Stream(String checkpoint, Long lastBatch, Instant lastBatchAt, Long lag) {
    }

    /** A Delta table: rows (null when its log cannot tell), version and when the last commit landed. */
    public record Table(String name, Long rows, long version, Instant lastCommit) {
    }

    /** The scheduler's last attempt and recent history (newest first), and the batch job's latest report. */
    public record Runs(RunRecord last, List<RunRecord> history, String report, Instant reportWritten) {
    }

    /**
     * One table's books: records in Kafka, in the lake (batch) or read by the stream job (stream), and the table's
     * rows (one per distinct id, so at most that many). {@code difference} says where the records are missing.
     */
    public record Books(String path, String table, long inKafka, Long landed, Long rows, boolean balanced,
                        String difference) {
    }

    /** The totals at one refresh. */
    public record Sample(Instant at, long acknowledged, long inKafka, long inLake, long streamsAcknowledged) {
    }

    /** The stream job's last committed micro-batch, with the offsets it had read up to. */
    record MicroBatch(long batch, Instant committed, Map<String, Map<Integer, Long>> offsets) {
    }
}
