package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.AdminFutures;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * REST Proxy v3 consumer groups, read-only: list and get, a group's consumers and their assignments, and the lag per
 * partition ({@code /lags}) and in sum ({@code /lag-summary}). Every consumer group is shown — the pipeline's own
 * included (the lake sink's {@code connect-pinpipe-lake}, Spark's), so its lag is visible to any REST Proxy tool;
 * {@code pinpipe.consumer.groups.regex} keeps HTTP clients from <em>joining</em> those groups, not from reading how
 * far behind they are. Partitions of topics outside the caller's topic allow-list are left out, and naming one is a
 * 403 / 40301.
 */
public final class ConsumerGroupRoutes implements RouteModule {

    private static final String GROUP = "/v3/clusters/:cluster_id/consumer-groups/:consumer_group_id";
    private static final String CONSUMER = GROUP + "/consumers/:consumer_id";

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/v3/clusters/:cluster_id/consumer-groups").handler(routing -> list(routing, context));
        router.get(GROUP).handler(routing -> withGroup(routing, context, (cluster, group) ->
                V3Resources.send(routing, context, V3Groups.group(cluster, group))));
        router.get(GROUP + "/consumers").handler(routing -> withGroup(routing, context, (cluster, group) -> {
            ObjectNode body = V3Resources.collection("KafkaConsumerList",
                    V3Groups.groupUrl(cluster, group.groupId()) + "/consumers");
            ArrayNode data = V3Resources.data(body);
            group.members().stream().sorted(Comparator.comparing(MemberDescription::consumerId))
                    .forEach(member -> data.add(V3Groups.consumer(cluster, group.groupId(), member)));
            V3Resources.send(routing, context, body);
        }));
        router.get(CONSUMER).handler(routing -> withGroup(routing, context, (cluster, group) ->
                V3Resources.send(routing, context, V3Groups.consumer(cluster, group.groupId(),
                        member(routing, group)))));
        router.get(CONSUMER + "/assignments").handler(routing -> withGroup(routing, context, (cluster, group) -> {
            MemberDescription member = member(routing, group);
            ObjectNode body = V3Resources.collection("KafkaConsumerAssignmentList",
                    cluster.url("consumer-groups", group.groupId(), "consumers", member.consumerId(), "assignments"));
            ArrayNode data = V3Resources.data(body);
            member.assignment().topicPartitions().stream()
                    .filter(partition -> context.topicAccess().allowed(routing, partition.topic()))
                    .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                    .forEach(partition -> data.add(V3Groups.assignment(cluster, group.groupId(), member,
                            partition)));
            V3Resources.send(routing, context, body);
        }));
        router.get(CONSUMER + "/assignments/:topic/partitions/:partition_id").handler(routing -> withGroup(routing,
                context, (cluster, group) -> {
                    MemberDescription member = member(routing, group);
                    TopicPartition partition = namedPartition(routing, context);
                    if (!member.assignment().topicPartitions().contains(partition)) {
                        throw V3Resources.notFound("Assignment of " + partition + " to " + member.consumerId());
                    }
                    V3Resources.send(routing, context, V3Groups.assignment(cluster, group.groupId(), member,
                            partition));
                }));
        router.get(GROUP + "/lags").handler(routing -> withLags(routing, context, (cluster, group, lags) -> {
            ObjectNode body = V3Resources.collection("KafkaConsumerLagList",
                    V3Groups.groupUrl(cluster, group) + "/lags");
            ArrayNode data = V3Resources.data(body);
            lags.forEach(lag -> data.add(V3Groups.lag(cluster, group, lag)));
            V3Resources.send(routing, context, body);
        }));
        router.get(GROUP + "/lags/:topic/partitions/:partition_id").handler(routing -> {
            TopicPartition partition = namedPartition(routing, context);
            withLags(routing, context, (cluster, group, lags) -> V3Resources.send(routing, context,
                    V3Groups.lag(cluster, group, lags.stream().filter(lag -> lag.partition().equals(partition))
                            .findFirst().orElseThrow(() -> V3Resources.notFound("Lag of " + partition)))));
        });
        router.get(GROUP + "/lag-summary").handler(routing -> withLags(routing, context, (cluster, group, lags) ->
                V3Resources.send(routing, context, V3Groups.lagSummary(cluster, group, lags))));
    }

    /** What a lag route needs: the cluster, the group id and the group's lags (never empty). */
    private interface LagHandler {
        void handle(V3Resources cluster, String group, List<GroupLags.Lag> lags);
    }

    private static void list(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        var described = context.admin().listGroups(ListGroupsOptions.forConsumerGroups()).all().toCompletionStage()
                .toCompletableFuture().thenCompose(listings -> {
                    List<String> ids = listings.stream().map(GroupListing::groupId).sorted().toList();
                    if (ids.isEmpty()) {
                        return CompletableFuture.completedFuture(Map.<String, ConsumerGroupDescription>of());
                    }
                    return context.admin().describeConsumerGroups(ids).all().toCompletionStage();
                });
        Async.then(routing, described, groups -> {
            ObjectNode body = V3Resources.collection("KafkaConsumerGroupList", cluster.url("consumer-groups"));
            ArrayNode data = V3Resources.data(body);
            groups.keySet().stream().sorted().forEach(id -> data.add(V3Groups.group(cluster, groups.get(id))));
            V3Resources.send(routing, context, body);
        });
    }

    /** Continues with the group {@code :consumer_group_id}; 404 when Kafka knows no such group. */
    private static void withGroup(RoutingContext routing, GatewayContext context,
                                  BiConsumer<V3Resources, ConsumerGroupDescription> then) {
        V3Resources cluster = V3Resources.of(routing, context);
        String id = routing.pathParam("consumer_group_id");
        var described = AdminFutures.recover(context.admin().describeConsumerGroups(List.of(id)).describedGroups()
                .get(id).toCompletionStage(), GroupIdNotFoundException.class, unknown -> {
                    throw V3Resources.notFound("Consumer group " + id);
                }).thenApply(group -> {
                    // The classic coordinator describes an unknown group as a dead one without members.
                    if (group.groupState() == GroupState.DEAD) {
                        throw V3Resources.notFound("Consumer group " + id);
                    }
                    return group;
                });
        Async.then(routing, described, group -> then.accept(cluster, group));
    }

    private static void withLags(RoutingContext routing, GatewayContext context, LagHandler then) {
        withGroup(routing, context, (cluster, group) -> Async.then(routing,
                GroupLags.of(context, group, topic -> context.topicAccess().allowed(routing, topic)),
                lags -> then.handle(cluster, group.groupId(), lags)));
    }

    private static MemberDescription member(RoutingContext routing, ConsumerGroupDescription group) {
        String id = routing.pathParam("consumer_id");
        return group.members().stream().filter(member -> member.consumerId().equals(id)).findFirst()
                .orElseThrow(() -> V3Resources.notFound("Consumer " + id));
    }

    /** The {@code :topic} and {@code :partition_id} of the path; the topic must pass the allow-list. */
    private static TopicPartition namedPartition(RoutingContext routing, GatewayContext context) {
        String topic = TopicRoutes.allowedTopic(routing, context);
        String id = routing.pathParam("partition_id");
        try {
            return new TopicPartition(topic, Integer.parseInt(id));
        } catch (NumberFormatException e) {
            throw V3Resources.notFound("Partition " + id + " of topic " + topic);
        }
    }
}
