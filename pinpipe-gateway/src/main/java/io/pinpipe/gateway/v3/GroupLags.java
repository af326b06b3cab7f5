package io.pinpipe.gateway.v3;

import io.pinpipe.gateway.GatewayContext;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A consumer group's lag per partition, as Confluent computes it: for every partition the group has committed an
 * offset on, the committed offset, the log end offset (read committed) and the difference, with the member that
 * holds the partition now ({@code ""} when none does, e.g. a Connect sink that is stopped). A group without
 * committed offsets has no lag to report: 404, as Confluent answers.
 */
final class GroupLags {

    /** The lag of one partition; {@code member} is empty when no member of the group holds the partition. */
    record Lag(TopicPartition partition, long currentOffset, long logEndOffset, Optional<MemberDescription> member) {

        long lag() {
            return Math.max(0, logEndOffset - currentOffset);
        }
    }

    private GroupLags() {
    }

    /**
     * The lags of the group's partitions whose topic {@code shown} accepts, sorted by topic and partition.
     *
     * @param group the group's description, for who holds which partition
     */
    static CompletableFuture<List<Lag>> of(GatewayContext context, ConsumerGroupDescription group,
                                           Predicate<String> shown) {
        return context.admin().listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata()
                .toCompletionStage().toCompletableFuture().thenCompose(committed -> {
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    committed.forEach((partition, offset) -> {
                        if (offset != null && shown.test(partition.topic())) {
                            offsets.put(partition, offset);
                        }
                    });
                    if (offsets.isEmpty()) {
                        throw V3Resources.notFound("Committed offsets of consumer group " + group.groupId());
                    }
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    offsets.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
                    return context.admin().listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                            .all().toCompletionStage().thenApply(ends -> lags(group, offsets, ends));
                });
    }

    private static List<Lag> lags(ConsumerGroupDescription group, Map<TopicPartition, OffsetAndMetadata> offsets,
                                  Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends) {
        Map<TopicPartition, MemberDescription> holders = new HashMap<>();
        for (MemberDescription member : group.members()) {
            member.assignment().topicPartitions().forEach(partition -> holders.put(partition, member));
        }
        List<Lag> lags = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            ListOffsetsResult.ListOffsetsResultInfo end = ends.get(partition);
            if (end != null) {
                lags.add(new Lag(partition, offset.offset(), end.offset(),
                        Optional.ofNullable(holders.get(partition))));
            }
        });
        lags.sort(Comparator.comparing((Lag lag) -> lag.partition().topic())
                .thenComparingInt(lag -> lag.partition().partition()));
        return lags;
    }
}
