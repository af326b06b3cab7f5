package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * REST Proxy v3 cluster and broker resources: {@code GET /v3/clusters}, {@code /v3/clusters/{id}} (with every
 * relationship Confluent's document requires, each to a route served here or by {@link TopicRoutes},
 * {@link ConsumerGroupRoutes} and {@link AclRoutes}), {@code /brokers}, {@code /brokers/{b}}, a broker's
 * {@code configs} and {@code partition-replicas}, and the cluster-wide {@code broker-configs}. Read-only.
 */
public final class ClusterRoutes implements RouteModule {

    private static final String CLUSTER = "/v3/clusters/:cluster_id";

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/v3/clusters").handler(routing -> {
            MediaTypes.negotiateV3(routing);
            V3Resources cluster = V3Resources.forCluster(routing, V3Resources.reachableSnapshot(context).clusterId());
            withController(routing, context, controller -> {
                ObjectNode body = V3Resources.collection("KafkaClusterList",
                        V3Resources.base(routing) + "/v3/clusters");
                V3Resources.data(body).add(cluster(cluster, controller));
                V3Resources.send(routing, context, body);
            });
        });
        router.get(CLUSTER).handler(routing -> {
            V3Resources cluster = V3Resources.of(routing, context);
            withController(routing, context, controller ->
                    V3Resources.send(routing, context, cluster(cluster, controller)));
        });
        router.get(CLUSTER + "/broker-configs").handler(routing -> {
            V3Resources cluster = V3Resources.of(routing, context);
            clusterConfigs(cluster).list(routing, context, cluster);
        });
        router.get(CLUSTER + "/broker-configs/:name").handler(routing -> {
            V3Resources cluster = V3Resources.of(routing, context);
            clusterConfigs(cluster).get(routing, context, cluster, routing.pathParam("name"));
        });
        router.get(CLUSTER + "/brokers").handler(routing -> listBrokers(routing, context));
        router.get(CLUSTER + "/brokers/:broker_id").handler(routing -> withBroker(routing, context,
                (cluster, broker) -> V3Resources.send(routing, context, broker(cluster, broker))));
        router.get(CLUSTER + "/brokers/:broker_id/configs").handler(routing -> withBroker(routing, context,
                (cluster, broker) -> brokerConfigs(cluster, broker.id()).list(routing, context, cluster)));
        router.get(CLUSTER + "/brokers/:broker_id/configs/:name").handler(routing -> withBroker(routing, context,
                (cluster, broker) -> brokerConfigs(cluster, broker.id())
                        .get(routing, context, cluster, routing.pathParam("name"))));
        router.get(CLUSTER + "/brokers/:broker_id/partition-replicas").handler(routing -> withBroker(routing,
                context, (cluster, broker) -> partitionReplicas(routing, context, cluster, broker.id())));
    }

    /** The cluster object: Confluent requires every relationship but {@code controller}, sent when known. */
    private static ObjectNode cluster(V3Resources cluster, Optional<Node> controller) {
        ObjectNode node = cluster.resource("KafkaCluster", cluster.url(), cluster.crn());
        controller.ifPresent(broker -> V3Resources.related(node, "controller", cluster.url("brokers", broker.id())));
        V3Resources.related(node, "acls", cluster.url("acls"));
        V3Resources.related(node, "brokers", cluster.url("brokers"));
        V3Resources.related(node, "broker_configs", cluster.url("broker-configs"));
        V3Resources.related(node, "consumer_groups", cluster.url("consumer-groups"));
        V3Resources.related(node, "topics", cluster.url("topics"));
        V3Resources.related(node, "partition_reassignments",
                cluster.url("topics", "-", "partitions", "-", "reassignment"));
        return node;
    }

    private static void withController(RoutingContext routing, GatewayContext context,
                                       Consumer<Optional<Node>> then) {
        Async.then(routing, context.admin().describeCluster().controller().toCompletionStage(), controller ->
                then.accept(Optional.ofNullable(controller).filter(node -> !node.isEmpty())));
    }

    private static void listBrokers(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        Async.then(routing, context.admin().describeCluster().nodes().toCompletionStage(), nodes -> {
            ObjectNode body = V3Resources.collection("KafkaBrokerList", cluster.url("brokers"));
            ArrayNode data = V3Resources.data(body);
            nodes.stream().sorted(Comparator.comparingInt(Node::id)).forEach(node -> data.add(broker(cluster, node)));
            V3Resources.send(routing, context, body);
        });
    }

    private static ObjectNode broker(V3Resources cluster, Node broker) {
        String self = cluster.url("brokers", broker.id());
        ObjectNode node = cluster.resource("KafkaBroker", self, cluster.crn("broker", broker.id()));
        node.put("broker_id", broker.id());
        node.put("host", broker.host());
        node.put("port", broker.port());
        node.put("rack", broker.rack());
        V3Resources.related(node, "configs", self + "/configs");
        V3Resources.related(node, "partition_replicas", self + "/partition-replicas");
        return node;
    }

    /** Continues with the broker {@code :broker_id} of the cluster; 404 when there is none. */
    private static void withBroker(RoutingContext routing, GatewayContext context,
                                   BiConsumer<V3Resources, Node> then) {
        V3Resources cluster = V3Resources.of(routing, context);
        String id = routing.pathParam("broker_id");
        DescribeClusterResult described = context.admin().describeCluster();
        Async.then(routing, described.nodes().toCompletionStage(), nodes -> then.accept(cluster,
                find(nodes, id).orElseThrow(() -> V3Resources.notFound("Broker " + id))));
    }

    private static Optional<Node> find(Collection<Node> nodes, String id) {
        return nodes.stream().filter(node -> Integer.toString(node.id()).equals(id)).findFirst();
    }

    private static V3Configs clusterConfigs(V3Resources cluster) {
        // The cluster-wide dynamic broker configs are Kafka's broker resource with the empty name.
        return new V3Configs("KafkaClusterConfig", new ConfigResource(ConfigResource.Type.BROKER, ""),
                cluster.url("broker-configs"), cluster.crn(), "broker-config",
                node -> node.put("config_type", "BROKER"));
    }

    private static V3Configs brokerConfigs(V3Resources cluster, int brokerId) {
        return new V3Configs("KafkaBrokerConfig",
                new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId)),
                cluster.url("brokers", brokerId, "configs"), cluster.crn("broker", brokerId), "config",
                node -> node.put("broker_id", brokerId));
    }

    /** Every replica the broker holds, of the topics this request may see. */
    private static void partitionReplicas(RoutingContext routing, GatewayContext context, V3Resources cluster,
                                          int brokerId) {
        Async.then(routing, V3Topics.describeVisible(routing, context), topics -> {
            ObjectNode body = V3Resources.collection("KafkaReplicaList",
                    cluster.url("brokers", brokerId, "partition-replicas"));
            ArrayNode data = V3Resources.data(body);
            for (TopicDescription topic : new TreeMap<>(topics).values()) {
                for (TopicPartitionInfo info : topic.partitions()) {
                    info.replicas().stream().filter(replica -> replica.id() == brokerId).forEach(replica ->
                            data.add(V3Partitions.replica(cluster, topic.name(), info, replica)));
                }
            }
            V3Resources.send(routing, context, body);
        });
    }
}
