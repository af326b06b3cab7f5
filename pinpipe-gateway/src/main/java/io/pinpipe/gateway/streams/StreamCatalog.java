package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.http.Failures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The streams, as the admin client sees the topics: list, create, describe, delete, and a fast "does it exist"
 * for writes. Only topics matching {@code streams.topic.pattern} are streams; every other name is "not found".
 * Never blocks: everything answers through the admin client's futures.
 *
 * <p>A stream seen to exist is remembered for {@value #EXISTS_TTL_MS} ms, so writes do not ask the broker each
 * time; a stream deleted through this catalog is forgotten at once.
 */
final class StreamCatalog {

    static final long EXISTS_TTL_MS = 10_000;
    private static final int VISIBLE_ATTEMPTS = 100;
    private static final long VISIBLE_RETRY_MS = 50;
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");

    private final Admin admin;
    private final StreamsSettings settings;
    private final LongSupplier clockMs;
    private final Map<String, Long> knownUntil = new ConcurrentHashMap<>();

    StreamCatalog(Admin admin, StreamsSettings settings, LongSupplier clockMs) {
        this.admin = admin;
        this.settings = settings;
        this.clockMs = clockMs;
    }

    /** The stream names, sorted. */
    CompletionStage<List<String>> list() {
        return admin.listTopics().names().toCompletionStage()
                .thenApply(names -> names.stream().filter(settings::isStream).sorted().toList());
    }

    /** Completes when the stream exists; fails with 404 when it does not. */
    CompletionStage<Void> requireExists(String stream) {
        if (!settings.isStream(stream)) {
            return CompletableFuture.failedFuture(StreamErrors.notFound(stream));
        }
        Long until = knownUntil.get(stream);
        if (until != null && until > clockMs.getAsLong()) {
            return CompletableFuture.completedFuture(null);
        }
        return describeTopic(stream).thenAccept(description ->
                knownUntil.put(stream, clockMs.getAsLong() + EXISTS_TTL_MS));
    }

    CompletionStage<Void> create(String stream, int shards) {
        if (!LEGAL_NAME.matcher(stream).matches()) {
            return CompletableFuture.failedFuture(StreamErrors.invalid("a stream name has 1 to 128 of the"
                    + " characters a-z A-Z 0-9 . _ - ; '" + stream + "' does not"));
        }
        if (!settings.isStream(stream)) {
            return CompletableFuture.failedFuture(StreamErrors.invalid("'" + stream + "' does not match"
                    + " streams.topic.pattern '" + settings.topicPattern().pattern() + "', so it cannot be a stream"));
        }
        NewTopic topic = new NewTopic(stream, Optional.of(shards), Optional.empty());
        return list().thenCompose(existing -> {
            if (existing.size() >= settings.maxStreams()) {
                throw StreamErrors.limitExceeded("there are " + existing.size() + " streams already, the most this"
                        + " gateway allows (streams.max.streams); delete one first");
            }
            return admin.createTopics(List.of(topic)).all().toCompletionStage();
        })
                .thenCompose(created -> awaitVisible(stream, VISIBLE_ATTEMPTS));
    }

    /**
     * The controller has the new topic before the broker's metadata does; a stream is only reported created (and
     * ACTIVE) once a describe sees it, so a write right after the create finds it.
     */
    private CompletionStage<Void> awaitVisible(String stream, int attemptsLeft) {
        return describeTopic(stream).handle((description, failure) -> {
            if (failure == null) {
                knownUntil.put(stream, clockMs.getAsLong() + EXISTS_TTL_MS);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (attemptsLeft <= 1 || !(Failures.unwrap(failure) instanceof UnknownTopicOrPartitionException)) {
                return CompletableFuture.<Void>failedFuture(failure);
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(VISIBLE_RETRY_MS,
                    TimeUnit.MILLISECONDS)).thenCompose(waited -> awaitVisible(stream, attemptsLeft - 1));
        }).thenCompose(Function.identity());
    }

    CompletionStage<Void> delete(String stream) {
        return requireExists(stream)
                .thenCompose(exists -> admin.deleteTopics(List.of(stream)).all().toCompletionStage())
                .whenComplete((done, failure) -> knownUntil.remove(stream));
    }

    /** Kinesis' {@code DescribeStream} answer: {@code {"StreamDescription":{...}}}. */
    CompletionStage<ObjectNode> describe(String stream) {
        if (!settings.isStream(stream)) {
            return CompletableFuture.failedFuture(StreamErrors.notFound(stream));
        }
        return describeTopic(stream).thenCompose(description -> {
            Map<TopicPartition, OffsetSpec> earliest = description.partitions().stream().collect(Collectors.toMap(
                    partition -> new TopicPartition(stream, partition.partition()),
                    partition -> OffsetSpec.earliest()));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, stream);
            CompletableFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> offsets =
                    admin.listOffsets(earliest).all().toCompletionStage().toCompletableFuture();
            CompletableFuture<Config> config = admin.describeConfigs(List.of(resource)).values().get(resource)
                    .toCompletionStage().toCompletableFuture();
            return offsets.thenCombine(config, (starts, topicConfig) -> description(description, starts,
                    topicConfig));
        });
    }

    private CompletionStage<TopicDescription> describeTopic(String stream) {
        return admin.describeTopics(List.of(stream)).topicNameValues().get(stream).toCompletionStage();
    }

    private static ObjectNode description(TopicDescription topic,
                                          Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts,
                                          Config config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode description = root.putObject("StreamDescription");
        description.put("StreamName", topic.name());
        description.put("StreamStatus", "ACTIVE");
        ArrayNode shards = description.putArray("Shards");
        Function<TopicPartitionInfo, Long> start = partition -> Optional.ofNullable(
                starts.get(new TopicPartition(topic.name(), partition.partition())))
                .map(ListOffsetsResult.ListOffsetsResultInfo::offset).orElse(0L);
        topic.partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .forEach(partition -> {
                    ObjectNode shard = shards.addObject();
                    shard.put("ShardId", ShardIds.of(partition.partition()));
                    shard.putObject("SequenceNumberRange")
                            .put("StartingSequenceNumber", String.valueOf(start.apply(partition)));
                });
        description.put("HasMoreShards", false);
        ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
        if (retention != null && retention.value() != null && Long.parseLong(retention.value()) > 0) {
            description.put("RetentionPeriodHours", Long.parseLong(retention.value()) / 3_600_000L);
        }
        description.put("EncryptionType", "NONE");
        return root;
    }
}
