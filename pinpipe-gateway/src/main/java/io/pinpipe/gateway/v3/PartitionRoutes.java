package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.PartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * REST Proxy v3 partitions of a topic: list and get, a partition's earliest and latest offsets, its replicas (list
 * and get), and the ongoing partition reassignments — of the cluster ({@code /topics/-/partitions/-/reassignment}),
 * of a topic, of one partition (404 when none is in progress, as Confluent answers). Read-only.
 */
public final class PartitionRoutes implements RouteModule {

    private static final String PARTITION = TopicRoutes.TOPIC + "/partitions/:partition_id";

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get(TopicRoutes.TOPIC + "/partitions").handler(routing -> withTopic(routing, context,
                (cluster, topic) -> {
                    ObjectNode body = V3Resources.collection("KafkaPartitionList",
                            cluster.url("topics", topic.name(), "partitions"));
                    ArrayNode data = V3Resources.data(body);
                    topic.partitions().forEach(info -> data.add(V3Partitions.partition(cluster, topic.name(), info)));
                    V3Resources.send(routing, context, body);
                }));
        router.get(PARTITION).handler(routing -> withPartition(routing, context, (cluster, topic, info) ->
                V3Resources.send(routing, context, V3Partitions.partition(cluster, topic, info))));
        router.get(PARTITION + "/replicas").handler(routing -> withPartition(routing, context,
                (cluster, topic, info) -> {
                    ObjectNode body = V3Resources.collection("KafkaReplicaList",
                            V3Partitions.partitionUrl(cluster, topic, info.partition()) + "/replicas");
                    ArrayNode data = V3Resources.data(body);
                    info.replicas().forEach(replica -> data.add(V3Partitions.replica(cluster, topic, info, replica)));
                    V3Resources.send(routing, context, body);
                }));
        router.get(PARTITION + "/replicas/:broker_id").handler(routing -> withPartition(routing, context,
                (cluster, topic, info) -> {
                    String broker = routing.pathParam("broker_id");
                    Node replica = info.replicas().stream().filter(node -> Integer.toString(node.id()).equals(broker))
                            .findFirst().orElseThrow(() -> V3Resources.notFound("Replica " + broker));
                    V3Resources.send(routing, context, V3Partitions.replica(cluster, topic, info, replica));
                }));
        router.get(PARTITION + "/offset").handler(routing -> withPartition(routing, context,
                (cluster, topic, info) -> offsets(routing, context, cluster, new TopicPartition(topic,
                        info.partition()))));
        // The literal "-" routes first: "-" stands for every topic or every partition.
        router.get("/v3/clusters/:cluster_id/topics/-/partitions/-/reassignment").handler(routing -> {
            V3Resources cluster = V3Resources.of(routing, context);
            reassignments(routing, context, cluster, cluster.url("topics", "-", "partitions", "-", "reassignment"),
                    partition -> context.topicAccess().allowed(routing, partition.topic()));
        });
        router.get(TopicRoutes.TOPIC + "/partitions/-/reassignment").handler(routing -> withTopic(routing, context,
                (cluster, topic) -> reassignments(routing, context, cluster,
                        cluster.url("topics", topic.name(), "partitions", "-", "reassignment"),
                        partition -> partition.topic().equals(topic.name()))));
        router.get(PARTITION + "/reassignment").handler(routing -> withPartition(routing, context,
                (cluster, topic, info) -> {
                    TopicPartition partition = new TopicPartition(topic, info.partition());
                    Async.then(routing, context.admin().listPartitionReassignments(Set.of(partition))
                            .reassignments().toCompletionStage(), ongoing -> {
                                PartitionReassignment found = ongoing.get(partition);
                                if (found == null) {
                                    throw V3Resources.notFound("Reassignment of " + partition);
                                }
                                V3Resources.send(routing, context,
                                        V3Partitions.reassignment(cluster, topic, info.partition(), found));
                            });
                }));
    }

    /** What a route needs once the partition is found: the cluster, the topic name and the partition. */
    private interface PartitionHandler {
        void handle(V3Resources cluster, String topic, TopicPartitionInfo partition);
    }

    private static void withTopic(RoutingContext routing, GatewayContext context,
                                  BiConsumer<V3Resources, TopicDescription> then) {
        V3Resources cluster = V3Resources.of(routing, context);
        String topic = TopicRoutes.allowedTopic(routing, context);
        Async.then(routing, V3Topics.describe(context, topic), found -> then.accept(cluster, found));
    }

    /** Continues with the partition {@code :partition_id} of the topic; 404 when the topic has no such partition. */
    private static void withPartition(RoutingContext routing, GatewayContext context, PartitionHandler then) {
        withTopic(routing, context, (cluster, topic) -> {
            String id = routing.pathParam("partition_id");
            TopicPartitionInfo info = topic.partitions().stream()
                    .filter(partition -> Integer.toString(partition.partition()).equals(id)).findFirst()
                    .orElseThrow(() -> V3Resources.notFound("Partition " + id + " of topic " + topic.name()));
            then.handle(cluster, topic.name(), info);
        });
    }

    /**
     * The earliest and latest offsets of the partition. Confluent's optional {@code offset_type} query is refused
     * (400): the answer always carries both, and guessing what another value should select would be silent.
     */
    private static void offsets(RoutingContext routing, GatewayContext context, V3Resources cluster,
                                TopicPartition partition) {
        if (!routing.queryParams().isEmpty()) {
            throw new RestException(400, 400, "query parameters are not supported here ("
                    + String.join(", ", routing.queryParams().names()) + "); the answer carries both the earliest"
                    + " and the latest offset");
        }
        var earliest = context.admin().listOffsets(Map.of(partition, OffsetSpec.earliest())).partitionResult(partition)
                .toCompletionStage().toCompletableFuture();
        var both = earliest.thenCombine(context.admin().listOffsets(Map.of(partition, OffsetSpec.latest()))
                .partitionResult(partition).toCompletionStage(), (first, last) -> {
                    String self = V3Partitions.partitionUrl(cluster, partition.topic(), partition.partition())
                            + "/offset";
                    ObjectNode node = cluster.resource("KafkaPartitionWithOffsets", self, cluster.crn("topic",
                            partition.topic(), "partition", partition.partition(), "offset", null));
                    node.put("topic_name", partition.topic());
                    node.put("partition_id", partition.partition());
                    node.put("earliest_offset", first.offset());
                    node.put("latest_offset", last.offset());
                    return node;
                });
        Async.then(routing, both, body -> V3Resources.send(routing, context, body));
    }

    private static void reassignments(RoutingContext routing, GatewayContext context, V3Resources cluster,
                                      String self, Predicate<TopicPartition> shown) {
        Async.then(routing, context.admin().listPartitionReassignments().reassignments().toCompletionStage(),
                ongoing -> {
                    ObjectNode body = V3Resources.collection("KafkaReassignmentList", self);
                    ArrayNode data = V3Resources.data(body);
                    ongoing.entrySet().stream().filter(entry -> shown.test(entry.getKey()))
                            .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic)
                                    .thenComparingInt(TopicPartition::partition)))
                            .forEach(entry -> data.add(V3Partitions.reassignment(cluster, entry.getKey().topic(),
                                    entry.getKey().partition(), entry.getValue())));
                    V3Resources.send(routing, context, body);
                });
    }
}
