package io.pinpipe.cli.live;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The end offset of every partition of some topics: how many records Kafka ever took there. */
public final class TopicEnds {

    private TopicEnds() {
    }

    /**
     * Partition -> end offset, for every partition of {@code topics}, in partition order per topic.
     *
     * @throws IllegalStateException naming the topics when Kafka does not answer in 30 seconds
     */
    public static Map<String, Map<Integer, Long>> of(Admin admin, Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(topic ->
                    topic.partitions().forEach(info -> request.put(new TopicPartition(topic.name(),
                            info.partition()), OffsetSpec.latest())));
            Map<String, Map<Integer, Long>> ends = new TreeMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends
                    .computeIfAbsent(partition.topic(), topic -> new TreeMap<>())
                    .put(partition.partition(), info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the end offsets of " + topics, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e.getMessage(), e);
        }
    }

    /** The records {@code topic} ever took: the sum of its partitions' end offsets. */
    public static long total(Admin admin, String topic) {
        return of(admin, List.of(topic)).getOrDefault(topic, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
    }
}
