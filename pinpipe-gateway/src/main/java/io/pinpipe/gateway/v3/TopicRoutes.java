package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * REST Proxy v3 topics: list, get, a topic's configs, and administration — create ({@code POST /topics}), raise the
 * partition count ({@code PATCH /topics/{t}}) and delete — which needs the gateway's administration rights
 * ({@link io.pinpipe.gateway.front.AdminAccess}: off by default beyond loopback, and an API key with {@code admin}).
 * Every topic named passes the topic allow-list; lists show only the topics the caller may use.
 */
public final class TopicRoutes implements RouteModule {

    static final String TOPIC = "/v3/clusters/:cluster_id/topics/:topic";
    /** How often, and how far apart, a partition count update looks for its new partitions: 2 s at most. */
    private static final int VISIBLE_ATTEMPTS = 20;
    private static final long VISIBLE_RETRY_MILLIS = 100;

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/v3/clusters/:cluster_id/topics").handler(routing -> list(routing, context));
        router.post("/v3/clusters/:cluster_id/topics").handler(routing -> create(routing, context));
        router.get(TOPIC).handler(routing -> get(routing, context));
        router.patch(TOPIC).handler(routing -> updatePartitionCount(routing, context));
        router.delete(TOPIC).handler(routing -> delete(routing, context));
        router.get(TOPIC + "/configs").handler(routing -> {
            V3Resources cluster = V3Resources.of(routing, context);
            String topic = allowedTopic(routing, context);
            Async.then(routing, V3Topics.describe(context, topic), found ->
                    configs(cluster, topic).list(routing, context, cluster));
        });
        router.get(TOPIC + "/configs/:name").handler(routing -> {
            V3Resources cluster = V3Resources.of(routing, context);
            String topic = allowedTopic(routing, context);
            Async.then(routing, V3Topics.describe(context, topic), found ->
                    configs(cluster, topic).get(routing, context, cluster, routing.pathParam("name")));
        });
    }

    /** The {@code :topic} of the path, once the allow-list and the caller's API key let it through. */
    static String allowedTopic(RoutingContext routing, GatewayContext context) {
        String topic = routing.pathParam("topic");
        context.topicAccess().check(routing, topic);
        return topic;
    }

    private static void list(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        Async.then(routing, V3Topics.describeVisible(routing, context), topics -> {
            ObjectNode body = V3Resources.collection("KafkaTopicList", cluster.url("topics"));
            ArrayNode data = V3Resources.data(body);
            topics.keySet().stream().sorted().forEach(name -> data.add(V3Topics.topic(cluster, topics.get(name))));
            V3Resources.send(routing, context, body);
        });
    }

    private static void get(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        String topic = allowedTopic(routing, context);
        Async.then(routing, V3Topics.describe(context, topic), found ->
                V3Resources.send(routing, context, V3Topics.topic(cluster, found)));
    }

    /**
     * 201 with the topic (200 when {@code validate_only}: Kafka checked it and created nothing), once the gateway's
     * cluster view holds it, so a produce right after the answer finds it.
     */
    private static void create(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        MediaTypes.requireJson(routing);
        context.adminAccess().check(routing);
        TopicRequests.Create request = TopicRequests.create(context.json().read(routing.body().buffer()));
        String name = request.topic().name();
        context.topicAccess().check(routing, name);
        CreateTopicsResult result = context.admin().createTopics(List.of(request.topic()),
                new CreateTopicsOptions().validateOnly(request.validateOnly()));
        var counts = result.numPartitions(name).toCompletionStage().toCompletableFuture()
                .thenCombine(result.replicationFactor(name).toCompletionStage(), (partitions, replication) ->
                        V3Topics.topic(cluster, name, false, replication, partitions));
        Async.then(routing, counts, topic -> {
            if (request.validateOnly()) {
                V3Resources.send(routing, context, 200, topic);
                return;
            }
            int partitions = topic.path("partitions_count").asInt();
            Async.then(routing, visible(context, name, partitions, VISIBLE_ATTEMPTS), ready -> {
                routing.response().putHeader(HttpHeaders.LOCATION, cluster.url("topics", name));
                V3Resources.send(routing, context, 201, topic);
            });
        });
    }

    /**
     * Raises the partition count; Kafka refuses to lower it (400 / 40002). Answers the topic as it now is, once the
     * gateway's view of the cluster holds the new partitions, so a produce to one of them right after works.
     */
    private static void updatePartitionCount(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        MediaTypes.requireJson(routing);
        context.adminAccess().check(routing);
        String topic = allowedTopic(routing, context);
        int count = TopicRequests.partitionsCount(context.json().read(routing.body().buffer()));
        Async.then(routing, V3Topics.describe(context, topic), found -> Async.then(routing, context.admin()
                .createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all().toCompletionStage(),
                done -> Async.then(routing, visible(context, topic, count, VISIBLE_ATTEMPTS), refreshed ->
                        V3Resources.send(routing, context, V3Topics.topic(cluster, topic, found.isInternal(),
                                V3Topics.replicationFactor(found), count)))));
    }

    /**
     * Completes once the gateway's cluster view holds {@code count} partitions of the topic, or after
     * {@code attempts} refreshes: Kafka acknowledges new partitions before every broker's metadata shows them.
     */
    private static CompletableFuture<Void> visible(GatewayContext context, String topic, int count, int attempts) {
        return context.cluster().refreshNow().thenCompose(reached -> {
            boolean visible = context.cluster().snapshot().map(snapshot -> snapshot.partitions().get(topic))
                    .filter(partitions -> partitions >= count).isPresent();
            if (visible || attempts <= 1) {
                return CompletableFuture.completedFuture(null);
            }
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(VISIBLE_RETRY_MILLIS, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> visible(context, topic, count, attempts - 1));
        });
    }

    private static void delete(RoutingContext routing, GatewayContext context) {
        V3Resources.of(routing, context);
        context.adminAccess().check(routing);
        String topic = allowedTopic(routing, context);
        Async.then(routing, V3Topics.describe(context, topic), found -> Async.then(routing,
                context.admin().deleteTopics(List.of(topic)).all().toCompletionStage(), done ->
                        routing.response().setStatusCode(204).end()));
    }

    private static V3Configs configs(V3Resources cluster, String topic) {
        return new V3Configs("KafkaTopicConfig", new ConfigResource(ConfigResource.Type.TOPIC, topic),
                cluster.url("topics", topic, "configs"), cluster.crn("topic", topic), "config",
                node -> node.put("topic_name", topic));
    }
}
