package io.pinpipe.cli.live;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.connect.worker.ConnectorStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns readings into the snapshot: each topic's offsets and reader, the books per table (acknowledged = in Kafka =
 * landed -> rows), the rates, and one sentence per stage that is down or does not balance. Pure arithmetic, so the
 * rules are unit-tested without a broker.
 *
 * <p>The gateway counts acknowledged records in total, not per topic, so the first check is on totals: what the
 * gateway acknowledged since the watch began must be what the pipeline's topics took since then. Per table, the
 * lake (batch) or the stream job (stream) must hold every record Kafka holds. Table rows are one per distinct id,
 * so fewer than the records (repeated draws are removed) and only as new as the last batch run: shown, not checked.
 */
final class PipelineBooks {

    /** What the watch is looking at; fixed while it runs. */
    record Pipeline(Topics topics, String sinkName, String lake, String checkpoint) {
    }

    private PipelineBooks() {
    }

    /**
     * @param start    the readings when the watch began (the baseline of the gateway check)
     * @param previous the readings of the refresh before, for the rates
     */
    static PipelineSnapshot snapshot(Pipeline pipeline, Readings start, Readings previous, Readings now,
                                     List<PipelineSnapshot.Sample> history) {
        Topics topics = pipeline.topics();
        List<String> problems = new ArrayList<>();
        PipelineSnapshot.Gateway gateway = gateway(pipeline, start, previous, now, problems);
        List<PipelineSnapshot.TopicStage> stages = new ArrayList<>();
        List<PipelineSnapshot.Books> books = new ArrayList<>();
        long sinkLag = 0;
        for (SourceTable table : SourceTable.values()) {
            PipelineSnapshot.TopicStage batch = stage(topics.batch(table), "batch", table, now,
                    now.sinkCommitted().getOrDefault(topics.batch(table), Map.of()));
            stages.add(batch);
            sinkLag += batch.lag() == null ? batch.inKafka() : batch.lag();
            books.add(batchBooks(table, batch, rows(now.batchTables(), table)));
        }
        if (!ConnectorStatus.RUNNING.equals(now.sinkState())) {
            problems.add("the lake sink " + pipeline.sinkName() + " is " + now.sinkState());
        }
        Map<String, Map<Integer, Long>> streamRead = now.microBatch().map(PipelineSnapshot.MicroBatch::offsets)
                .orElse(Map.of());
        long streamLag = 0;
        for (SourceTable table : SourceTable.values()) {
            PipelineSnapshot.TopicStage stream = stage(topics.streaming(table), "streaming", table, now,
                    streamRead.getOrDefault(topics.streaming(table), Map.of()));
            stages.add(stream);
            streamLag += stream.lag() == null ? stream.inKafka() : stream.lag();
            books.add(streamBooks(table, stream, now.microBatch().isPresent(), rows(now.streamTables(), table)));
        }
        books.stream().filter(line -> !line.balanced()).forEach(line -> problems.add(line.difference()));
        PipelineSnapshot.Stream stream = new PipelineSnapshot.Stream(pipeline.checkpoint(),
                now.microBatch().map(PipelineSnapshot.MicroBatch::batch).orElse(null),
                now.microBatch().map(PipelineSnapshot.MicroBatch::committed).orElse(null),
                now.microBatch().isPresent() ? streamLag : null);
        return new PipelineSnapshot(now.at(), gateway, stages,
                new PipelineSnapshot.Sink(pipeline.sinkName(), now.sinkState(), pipeline.lake(), sinkLag), stream,
                now.batchTables(), now.streamTables(), now.runs(), books, problems.isEmpty(), problems, history);
    }

    /** The totals a refresh adds to the history. */
    static PipelineSnapshot.Sample sample(Topics topics, Readings now) {
        return new PipelineSnapshot.Sample(now.at(), now.acknowledged(), now.inKafka(topics.batchTopics()),
                now.inLake(topics.batchTopics()), now.streamsAcknowledged());
    }

    private static PipelineSnapshot.Gateway gateway(Pipeline pipeline, Readings start, Readings previous,
                                                    Readings now, List<String> problems) {
        Topics topics = pipeline.topics();
        long acknowledged = now.acknowledged() - start.acknowledged();
        long batchTook = now.inKafka(topics.batchTopics()) - start.inKafka(topics.batchTopics());
        long streamsAcknowledged = now.streamsAcknowledged() - start.streamsAcknowledged();
        long streamingTook = now.inKafka(topics.streamingTopics()) - start.inKafka(topics.streamingTopics());
        if (acknowledged != batchTook) {
            problems.add(differs("the gateway acknowledged", acknowledged, "the batch topics took", batchTook));
        }
        if (streamsAcknowledged != streamingTook) {
            problems.add(differs("the streams API acknowledged", streamsAcknowledged, "the streaming topics took",
                    streamingTook));
        }
        double seconds = Math.max(0.001, Duration.between(previous.at(), now.at()).toMillis() / 1000.0);
        return new PipelineSnapshot.Gateway(acknowledged,
                previous == now ? 0 : (now.acknowledged() - previous.acknowledged()) / seconds, batchTook,
                streamsAcknowledged, previous == now ? 0
                : (now.streamsAcknowledged() - previous.streamsAcknowledged()) / seconds, streamingTook);
    }

    private static String differs(String what, long count, String other, long otherCount) {
        return what + " " + count + " records since the watch began, but " + other + " " + otherCount
                + (otherCount > count ? " (another client writes to them?)" : " (records in flight?)");
    }

    private static PipelineSnapshot.TopicStage stage(String topic, String kind, SourceTable table, Readings now,
                                                     Map<Integer, Long> read) {
        List<PipelineSnapshot.PartitionOffsets> partitions = new ArrayList<>();
        long readTotal = 0;
        long lagTotal = 0;
        for (Map.Entry<Integer, Long> end : now.ends().getOrDefault(topic, Map.of()).entrySet()) {
            Long committed = read.get(end.getKey());
            long lag = end.getValue() - (committed == null ? 0 : committed);
            partitions.add(new PipelineSnapshot.PartitionOffsets(end.getKey(), end.getValue(), committed, lag));
            readTotal += committed == null ? 0 : committed;
            lagTotal += lag;
        }
        boolean anyRead = !read.isEmpty();
        return new PipelineSnapshot.TopicStage(topic, kind, table.shortName(), partitions, now.inKafka(topic),
                anyRead ? readTotal : null, anyRead ? lagTotal : null,
                kind.equals("batch") ? now.lake().get(topic) : null);
    }

    private static PipelineSnapshot.Books batchBooks(SourceTable table, PipelineSnapshot.TopicStage topic,
                                                     Long rows) {
        if (topic.lake() == null) {
            // A lake in S3 is not listed: the sink's committed offsets are the lake's side of the books.
            boolean caughtUp = Objects.equals(topic.lag(), 0L) || topic.inKafka() == 0;
            return new PipelineSnapshot.Books("batch", table.shortName(), topic.inKafka(), null, rows, caughtUp,
                    caughtUp ? "" : topic.topic() + ": " + lagOf(topic) + " records in Kafka the lake sink has not"
                    + " committed yet");
        }
        long landed = topic.lake().records();
        long missing = topic.inKafka() - landed;
        String difference = missing == 0 ? ""
                : missing > 0 ? topic.topic() + ": " + missing + " records in Kafka are not in the lake yet (the"
                + " sink's lag is " + lagOf(topic) + "; a file lands when it is full or its rotate interval passes)"
                : topic.topic() + ": the lake holds " + -missing + " more records than Kafka (files of an earlier"
                + " topic of the same name?)";
        return new PipelineSnapshot.Books("batch", table.shortName(), topic.inKafka(), landed, rows, missing == 0,
                difference);
    }

    private static PipelineSnapshot.Books streamBooks(SourceTable table, PipelineSnapshot.TopicStage topic,
                                                      boolean jobRan, Long rows) {
        if (!jobRan) {
            // The stream path is optional: records waiting for a job that never ran are not a fault of the pipeline.
            return new PipelineSnapshot.Books("stream", table.shortName(), topic.inKafka(), null, rows, true,
                    topic.inKafka() == 0 ? "" : topic.topic() + ": no stream job has read it yet");
        }
        long read = topic.read() == null ? 0 : topic.read();
        long missing = topic.inKafka() - read;
        return new PipelineSnapshot.Books("stream", table.shortName(), topic.inKafka(), read, rows, missing == 0,
                missing == 0 ? "" : topic.topic() + ": " + missing + " records in Kafka the stream job has not read"
                + " yet (is it running?)");
    }

    private static String lagOf(PipelineSnapshot.TopicStage topic) {
        return String.valueOf(topic.lag() == null ? topic.inKafka() : topic.lag());
    }

    private static Long rows(List<PipelineSnapshot.Table> tables, SourceTable table) {
        return tables.stream().filter(t -> t.name().equals(table.shortName())).findFirst()
                .map(PipelineSnapshot.Table::rows).orElse(null);
    }
}
