package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer-group resources of v3, built from what the Admin client describes: a group
 * ({@code KafkaConsumerGroup}), a member ({@code KafkaConsumer}), a member's partition ({@code
 * KafkaConsumerAssignment}), a partition's lag ({@code KafkaConsumerLag}) and the group's lag summary
 * ({@code KafkaConsumerGroupLagSummary}).
 */
final class V3Groups {

    /** The states and types Confluent's document names; anything newer Kafka reports is UNKNOWN. */
    private static final Set<String> STATES = Set.of("PREPARING_REBALANCE", "COMPLETING_REBALANCE", "ASSIGNING",
            "RECONCILING", "STABLE", "DEAD", "EMPTY");
    private static final Set<String> TYPES = Set.of("CLASSIC", "CONSUMER", "SHARE");

    private V3Groups() {
    }

    static String groupUrl(V3Resources cluster, String group) {
        return cluster.url("consumer-groups", group);
    }

    static ObjectNode group(V3Resources cluster, ConsumerGroupDescription group) {
        String self = groupUrl(cluster, group.groupId());
        ObjectNode node = cluster.resource("KafkaConsumerGroup", self, cluster.crn("consumer-group", group.groupId()));
        node.put("consumer_group_id", group.groupId());
        node.put("is_simple", group.isSimpleConsumerGroup());
        node.put("partition_assignor", group.partitionAssignor());
        node.put("state", known(group.groupState() == null ? null : group.groupState().name(), STATES));
        node.put("type", known(group.type() == null ? null : group.type().name(), TYPES));
        // Mixed: a group on the new consumer protocol with members still on the classic one.
        node.put("is_mixed_consumer_group", group.members().stream()
                .anyMatch(member -> member.upgraded().map(upgraded -> !upgraded).orElse(false)));
        if (group.coordinator() != null && !group.coordinator().isEmpty()) {
            V3Resources.related(node, "coordinator", cluster.url("brokers", group.coordinator().id()));
        } else {
            // Required by the document; while the coordinator is not known the brokers list is the best answer.
            V3Resources.related(node, "coordinator", cluster.url("brokers"));
        }
        V3Resources.related(node, "consumers", self + "/consumers");
        V3Resources.related(node, "lag_summary", self + "/lag-summary");
        return node;
    }

    static ObjectNode consumer(V3Resources cluster, String group, MemberDescription member) {
        String self = cluster.url("consumer-groups", group, "consumers", member.consumerId());
        ObjectNode node = cluster.resource("KafkaConsumer", self,
                cluster.crn("consumer-group", group, "consumer", member.consumerId()));
        node.put("consumer_group_id", group);
        node.put("consumer_id", member.consumerId());
        node.put("instance_id", member.groupInstanceId().orElse(null));
        node.put("client_id", member.clientId());
        V3Resources.related(node, "assignments", self + "/assignments");
        return node;
    }

    static ObjectNode assignment(V3Resources cluster, String group, MemberDescription member,
                                 TopicPartition partition) {
        String self = cluster.url("consumer-groups", group, "consumers", member.consumerId(), "assignments",
                partition.topic(), "partitions", partition.partition());
        ObjectNode node = cluster.resource("KafkaConsumerAssignment", self, cluster.crn("consumer-group", group,
                "consumer", member.consumerId(), "assignment", partition.topic() + "-" + partition.partition()));
        node.put("consumer_group_id", group);
        node.put("consumer_id", member.consumerId());
        node.put("topic_name", partition.topic());
        node.put("partition_id", partition.partition());
        V3Resources.related(node, "partition", V3Partitions.partitionUrl(cluster, partition.topic(),
                partition.partition()));
        V3Resources.related(node, "lag", lagUrl(cluster, group, partition));
        return node;
    }

    static String lagUrl(V3Resources cluster, String group, TopicPartition partition) {
        return cluster.url("consumer-groups", group, "lags", partition.topic(), "partitions", partition.partition());
    }

    static ObjectNode lag(V3Resources cluster, String group, GroupLags.Lag lag) {
        TopicPartition partition = lag.partition();
        ObjectNode node = cluster.resource("KafkaConsumerLag", lagUrl(cluster, group, partition),
                cluster.crn("consumer-group", group, "lag", partition.topic() + "-" + partition.partition()));
        node.put("consumer_group_id", group);
        node.put("topic_name", partition.topic());
        node.put("partition_id", partition.partition());
        node.put("current_offset", lag.currentOffset());
        node.put("log_end_offset", lag.logEndOffset());
        node.put("lag", lag.lag());
        putMember(node, "", lag.member());
        return node;
    }

    /**
     * The partition with the largest lag (the first by topic and partition among equals) and the sum of all lags.
     * When no member holds that partition, {@code max_lag_consumer} links to the group's consumers.
     */
    static ObjectNode lagSummary(V3Resources cluster, String group, List<GroupLags.Lag> lags) {
        String self = groupUrl(cluster, group) + "/lag-summary";
        ObjectNode node = cluster.resource("KafkaConsumerGroupLagSummary", self,
                cluster.crn("consumer-group", group, "lag-summary", null));
        GroupLags.Lag max = lags.get(0);
        long total = 0;
        for (GroupLags.Lag lag : lags) {
            total += lag.lag();
            max = lag.lag() > max.lag() ? lag : max;
        }
        node.put("consumer_group_id", group);
        putMember(node, "max_lag_", max.member());
        node.put("max_lag_topic_name", max.partition().topic());
        node.put("max_lag_partition_id", max.partition().partition());
        node.put("max_lag", max.lag());
        node.put("total_lag", total);
        V3Resources.related(node, "max_lag_consumer", max.member()
                .map(member -> cluster.url("consumer-groups", group, "consumers", member.consumerId()))
                .orElse(cluster.url("consumer-groups", group, "consumers")));
        V3Resources.related(node, "max_lag_partition", V3Partitions.partitionUrl(cluster, max.partition().topic(),
                max.partition().partition()));
        return node;
    }

    /** {@code consumer_id}, {@code instance_id}, {@code client_id} with a prefix; {@code ""} when no member. */
    private static void putMember(ObjectNode node, String prefix, Optional<MemberDescription> member) {
        node.put(prefix + "consumer_id", member.map(MemberDescription::consumerId).orElse(""));
        node.put(prefix + "instance_id", member.flatMap(MemberDescription::groupInstanceId).orElse(null));
        node.put(prefix + "client_id", member.map(MemberDescription::clientId).orElse(""));
    }

    private static String known(String name, Set<String> names) {
        return name != null && names.contains(name) ? name : "UNKNOWN";
    }
}
