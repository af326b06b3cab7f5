package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The partition-level resources of v3, built from what the Admin client describes: a partition
 * ({@code KafkaPartition}), a replica ({@code KafkaReplica}) and an ongoing reassignment
 * ({@code KafkaReassignment}). Used by the topic routes and by a broker's {@code partition-replicas}.
 */
final class V3Partitions {

    private V3Partitions() {
    }

    static String partitionUrl(V3Resources cluster, String topic, int partition) {
        return cluster.url("topics", topic, "partitions", partition);
    }

    static ObjectNode partition(V3Resources cluster, String topic, TopicPartitionInfo info) {
        String self = partitionUrl(cluster, topic, info.partition());
        ObjectNode node = cluster.resource("KafkaPartition", self,
                cluster.crn("topic", topic, "partition", info.partition()));
        node.put("topic_name", topic);
        node.put("partition_id", info.partition());
        if (info.leader() != null && !info.leader().isEmpty()) {
            V3Resources.related(node, "leader", self + "/replicas/" + info.leader().id());
        }
        V3Resources.related(node, "replicas", self + "/replicas");
        V3Resources.related(node, "reassignment", self + "/reassignment");
        return node;
    }

    static ObjectNode replica(V3Resources cluster, String topic, TopicPartitionInfo info, Node replica) {
        String self = partitionUrl(cluster, topic, info.partition()) + "/replicas/" + replica.id();
        ObjectNode node = cluster.resource("KafkaReplica", self,
                cluster.crn("topic", topic, "partition", info.partition(), "replica", replica.id()));
        node.put("topic_name", topic);
        node.put("partition_id", info.partition());
        node.put("broker_id", replica.id());
        node.put("is_leader", info.leader() != null && info.leader().id() == replica.id());
        node.put("is_in_sync", info.isr().contains(replica));
        V3Resources.related(node, "broker", cluster.url("brokers", replica.id()));
        return node;
    }

    static ObjectNode reassignment(V3Resources cluster, String topic, int partition, PartitionReassignment ongoing) {
        String self = partitionUrl(cluster, topic, partition) + "/reassignment";
        ObjectNode node = cluster.resource("KafkaReassignment", self,
                cluster.crn("topic", topic, "partition", partition, "reassignment", null));
        node.put("topic_name", topic);
        node.put("partition_id", partition);
        ArrayNode adding = node.putArray("adding_replicas");
        ongoing.addingReplicas().forEach(adding::add);
        ArrayNode removing = node.putArray("removing_replicas");
        ongoing.removingReplicas().forEach(removing::add);
        V3Resources.related(node, "replicas", partitionUrl(cluster, topic, partition) + "/replicas");
        return node;
    }
}
