package io.pinpipe.cli.connect;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** How far a sink connector's consumer group is behind: end offset minus committed offset, per partition. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /** One partition's numbers; {@code committed} is -1 when the group has committed nothing there yet. */
    public record PartitionLag(TopicPartition partition, long end, long committed) {
        public long lag() {
            return end - Math.max(0, committed);
        }
    }

    /**
     * The lag of group {@code connect-<connector>} on every partition it has committed, plus every partition of the
     * topics the connector subscribes to ({@code topics} list or {@code topics.regex}).
     */
    static List<PartitionLag> of(String bootstrapServers, String connector, String topics, String topicsRegex)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000"))) {
            return of(admin, connector, topics, topicsRegex);
        }
    }

    /** As {@link #of(String, String, String, String)}, through an Admin client the caller owns. */
    public static List<PartitionLag> of(Admin admin, String connector, String topics, String topicsRegex)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + connector)
                .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
        Set<TopicPartition> partitions = new TreeSet<>(Comparator.comparing(TopicPartition::topic)
                .thenComparingInt(TopicPartition::partition));
        partitions.addAll(committed.keySet());
        Predicate<String> subscribed = subscription(topics, topicsRegex);
        Set<String> names = admin.listTopics().names().get(20, TimeUnit.SECONDS);
        List<String> matching = names.stream().filter(subscribed).toList();
        if (!matching.isEmpty()) {
            admin.describeTopics(matching).allTopicNames().get(20, TimeUnit.SECONDS).values()
                    .forEach(topic -> topic.partitions().forEach(info ->
                            partitions.add(new TopicPartition(topic.name(), info.partition()))));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(20, TimeUnit.SECONDS);
        return partitions.stream().map(partition -> new PartitionLag(partition, ends.get(partition).offset(),
                committed.containsKey(partition) && committed.get(partition) != null
                        ? committed.get(partition).offset() : -1)).toList();
    }

    private static Predicate<String> subscription(String topics, String topicsRegex) {
        if (topicsRegex != null && !topicsRegex.isBlank()) {
            Pattern pattern = Pattern.compile(topicsRegex);
            return name -> pattern.matcher(name).matches();
        }
        Set<String> listed = new TreeSet<>();
        if (topics != null) {
            for (String topic : topics.split(",")) {
                if (!topic.isBlank()) {
                    listed.add(topic.trim());
                }
            }
        }
        return listed::contains;
    }
}
