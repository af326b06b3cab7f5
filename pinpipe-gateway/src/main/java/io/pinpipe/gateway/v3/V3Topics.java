package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.kafka.AdminFutures;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Topics as v3 sees them: the {@code KafkaTopic} resource, and the Admin lookups the topic, partition, broker and
 * consumer-group routes share. A topic outside the allow-list is refused by name (403 / 40301) and left out of
 * every list; Kafka's internal topics are left out too, as in v2.
 */
final class V3Topics {

    private V3Topics() {
    }

    /** The topic's description; 404 (Confluent's {@code NotFoundException}) when it does not exist. */
    static CompletableFuture<TopicDescription> describe(GatewayContext context, String topic) {
        return AdminFutures.recover(context.admin().describeTopics(List.of(topic)).topicNameValues().get(topic)
                .toCompletionStage(), UnknownTopicOrPartitionException.class, unknown -> {
                    throw V3Resources.notFound("Topic " + topic);
                });
    }

    /** Every topic this request may see, described, by name. */
    static CompletableFuture<Map<String, TopicDescription>> describeVisible(RoutingContext routing,
                                                                           GatewayContext context) {
        return context.admin().listTopics(new ListTopicsOptions().listInternal(false)).names().toCompletionStage()
                .toCompletableFuture().thenCompose(names -> {
                    List<String> visible = names.stream()
                            .filter(name -> context.topicAccess().allowed(routing, name)).sorted().toList();
                    if (visible.isEmpty()) {
                        return CompletableFuture.completedFuture(Map.of());
                    }
                    return context.admin().describeTopics(visible).allTopicNames().toCompletionStage();
                });
    }

    static ObjectNode topic(V3Resources cluster, TopicDescription description) {
        return topic(cluster, description.name(), description.isInternal(), replicationFactor(description),
                description.partitions().size());
    }

    /** The replica count of the first partition, as Confluent reports a topic's replication factor. */
    static int replicationFactor(TopicDescription description) {
        return description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
    }

    static ObjectNode topic(V3Resources cluster, String name, boolean internal, int replicationFactor,
                            int partitionsCount) {
        String self = cluster.url("topics", name);
        ObjectNode node = cluster.resource("KafkaTopic", self, cluster.crn("topic", name));
        node.put("topic_name", name);
        node.put("is_internal", internal);
        node.put("replication_factor", replicationFactor);
        node.put("partitions_count", partitionsCount);
        V3Resources.related(node, "partitions", self + "/partitions");
        V3Resources.related(node, "configs", self + "/configs");
        V3Resources.related(node, "partition_reassignments", self + "/partitions/-/reassignment");
        return node;
    }
}
