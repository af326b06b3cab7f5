package io.pinpipe.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.AdminFutures;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * REST Proxy v2 metadata: {@code GET /topics}, {@code /topics/{t}}, {@code /topics/{t}/partitions},
 * {@code /topics/{t}/partitions/{p}}, {@code /topics/{t}/partitions/{p}/offsets} and {@code /brokers}, answered
 * from the Admin client without blocking. Topics outside the allow-list are hidden from the list and refused
 * (403/40301) by name.
 */
public final class MetadataRoutes implements RouteModule {

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/topics").handler(routing -> listTopics(routing, context));
        router.get("/topics/:topic").handler(routing -> describe(routing, context, true, null));
        router.get("/topics/:topic/partitions").handler(routing -> describe(routing, context, false, null));
        router.get("/topics/:topic/partitions/:partition").handler(routing ->
                describe(routing, context, false, Partitions.parse(routing.pathParam("partition"))));
        router.get("/topics/:topic/partitions/:partition/offsets").handler(routing -> offsets(routing, context));
        router.get("/brokers").handler(routing -> brokers(routing, context));
    }

    private static void listTopics(RoutingContext routing, GatewayContext context) {
        String type = MediaTypes.negotiateV2(routing);
        var names = context.admin().listTopics(new ListTopicsOptions().listInternal(false)).names();
        Async.then(routing, names.toCompletionStage(), set -> {
            ArrayNode body = Json.array();
            new TreeSet<>(set).stream().filter(topic -> context.topicAccess().allowed(routing, topic))
                    .forEach(body::add);
            send(routing, context, type, body);
        });
    }

    private static void describe(RoutingContext routing, GatewayContext context, boolean whole, Integer partition) {
        String type = MediaTypes.negotiateV2(routing);
        String topic = routing.pathParam("topic");
        context.topicAccess().check(routing, topic);
        CompletableFuture<TopicDescription> description = describeTopic(context, topic);
        if (!whole) {
            Async.then(routing, description, found -> {
                if (partition == null) {
                    ArrayNode body = Json.array();
                    found.partitions().forEach(info -> body.add(partition(info)));
                    send(routing, context, type, body);
                } else {
                    send(routing, context, type, partition(findPartition(found, partition)));
                }
            });
            return;
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Async.then(routing, description, found -> Async.then(routing, context.admin()
                .describeConfigs(List.of(resource)).values().get(resource).toCompletionStage(), config -> {
                    ObjectNode body = Json.object();
                    body.put("name", found.name());
                    body.set("configs", configs(config));
                    ArrayNode partitions = body.putArray("partitions");
                    found.partitions().forEach(info -> partitions.add(partition(info)));
                    send(routing, context, type, body);
                }));
    }

    private static void offsets(RoutingContext routing, GatewayContext context) {
        String type = MediaTypes.negotiateV2(routing);
        String topic = routing.pathParam("topic");
        int partition = Partitions.parse(routing.pathParam("partition"));
        context.topicAccess().check(routing, topic);
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        var description = describeTopic(context, topic);
        Async.then(routing, description, found -> {
            findPartition(found, partition);
            ListOffsetsResult earliest = context.admin().listOffsets(Map.of(topicPartition, OffsetSpec.earliest()));
            ListOffsetsResult latest = context.admin().listOffsets(Map.of(topicPartition, OffsetSpec.latest()));
            var both = earliest.partitionResult(topicPartition).toCompletionStage().toCompletableFuture()
                    .thenCombine(latest.partitionResult(topicPartition).toCompletionStage(), (first, last) -> {
                        ObjectNode body = Json.object();
                        body.put("beginning_offset", first.offset());
                        body.put("end_offset", last.offset());
                        return body;
                    });
            Async.then(routing, both, body -> send(routing, context, type, body));
        });
    }

    private static void brokers(RoutingContext routing, GatewayContext context) {
        String type = MediaTypes.negotiateV2(routing);
        Async.then(routing, context.admin().describeCluster().nodes().toCompletionStage(), nodes -> {
            ObjectNode body = Json.object();
            ArrayNode ids = body.putArray("brokers");
            nodes.stream().map(Node::id).sorted().forEach(ids::add);
            send(routing, context, type, body);
        });
    }

    /** The topic's description; a missing topic fails with Confluent's 40401 and message. */
    private static CompletableFuture<TopicDescription> describeTopic(GatewayContext context, String topic) {
        return AdminFutures.recover(context.admin().describeTopics(List.of(topic)).topicNameValues().get(topic)
                .toCompletionStage(), UnknownTopicOrPartitionException.class, unknown -> {
                    throw new RestException(404, ErrorCodes.TOPIC_NOT_FOUND, "Topic " + topic + " not found.",
                            unknown);
                });
    }

    private static TopicPartitionInfo findPartition(TopicDescription description, int partition) {
        return description.partitions().stream().filter(info -> info.partition() == partition).findFirst()
                .orElseThrow(() -> Partitions.notFound(description.name(), partition));
    }

    private static ObjectNode partition(TopicPartitionInfo info) {
        ObjectNode node = Json.object();
        node.put("partition", info.partition());
        node.put("leader", info.leader() == null ? -1 : info.leader().id());
        ArrayNode replicas = node.putArray("replicas");
        for (Node replica : info.replicas()) {
            ObjectNode entry = replicas.addObject();
            entry.put("broker", replica.id());
            entry.put("leader", info.leader() != null && info.leader().id() == replica.id());
            entry.put("in_sync", info.isr().contains(replica));
        }
        return node;
    }

    private static ObjectNode configs(Config config) {
        ObjectNode node = Json.object();
        config.entries().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(entry -> node.put(entry.name(), entry.isSensitive() ? null : entry.value()));
        return node;
    }

    private static void send(RoutingContext routing, GatewayContext context, String type, JsonNode body) {
        routing.response().putHeader(HttpHeaders.CONTENT_TYPE, type).end(context.json().buffer(body));
    }
}
