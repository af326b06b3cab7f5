package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.kafka.BrokerUnavailableException;
import io.pinpipe.gateway.kafka.ClusterView;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What every v3 resource shares, in Confluent's shapes: the {@code kind} + {@code metadata} envelope of one resource
 * ({@code self}, {@code resource_name}) and of a collection ({@code self}, {@code next}), {@code related} links,
 * and the URLs and CRNs of one cluster. A link is built only for an operation the gateway serves, so every link a
 * client follows answers.
 *
 * @param clusterSelf {@code <scheme>://<authority>[/<stage>]/v3/clusters/<cluster_id>}, as the client called it
 * @param clusterId   the id of the one cluster this gateway serves
 */
record V3Resources(String clusterSelf, String clusterId) {

    /**
     * The request's cluster: negotiates the answer type (406 when JSON is not accepted), then checks that the
     * cluster is reachable (503 / 50302) and that {@code :cluster_id} names it (404).
     */
    static V3Resources of(RoutingContext routing, GatewayContext context) {
        return of(routing, context, routing.pathParam("cluster_id"));
    }

    /** As {@link #of(RoutingContext, GatewayContext)} for a cluster id the route captured under another name. */
    static V3Resources of(RoutingContext routing, GatewayContext context, String id) {
        MediaTypes.negotiateV3(routing);
        ClusterView.Snapshot snapshot = reachableSnapshot(context);
        if (!snapshot.clusterId().equals(id)) {
            throw notFound("Cluster " + id);
        }
        return forCluster(routing, snapshot.clusterId());
    }

    /** The cluster snapshot while the cluster answers; 503 / 50302 when it does not. */
    static ClusterView.Snapshot reachableSnapshot(GatewayContext context) {
        return context.cluster().snapshot().filter(ignored -> context.cluster().reachable())
                .orElseThrow(() -> new BrokerUnavailableException("the Kafka cluster cannot be reached"));
    }

    /** The resources of {@code clusterId} as seen from this request (its scheme, host and stage prefix). */
    static V3Resources forCluster(RoutingContext routing, String clusterId) {
        return new V3Resources(base(routing) + "/v3/clusters/" + clusterId, clusterId);
    }

    /** {@code <scheme>://<authority>[/<stage>]}: links keep the stage the client came through. */
    static String base(RoutingContext routing) {
        String mount = routing.mountPoint() == null ? "" : routing.mountPoint();
        if (mount.endsWith("/")) {
            mount = mount.substring(0, mount.length() - 1);
        }
        return routing.request().scheme() + "://" + routing.request().authority() + mount;
    }

    /** Confluent's answer for a resource that does not exist: 404 with error code 404. */
    static RestException notFound(String what) {
        return new RestException(404, 404, what + " not found.");
    }

    /**
     * The URL of a resource of this cluster, e.g. {@code url("topics", "t", "partitions", 0)}. Each segment is
     * percent-encoded: a consumer group's or client's id may hold any character, and the link must still resolve.
     */
    String url(Object... segments) {
        StringBuilder url = new StringBuilder(clusterSelf);
        for (Object segment : segments) {
            // URLEncoder writes form encoding; a path wants %20, not +, for a space.
            url.append('/').append(URLEncoder.encode(String.valueOf(segment), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return url.toString();
    }

    /**
     * The CRN of a resource of this cluster, e.g. {@code crn("topic", "t", "partition", 0)} gives
     * {@code crn:///kafka=<id>/topic=t/partition=0}; a null name leaves the type alone ({@code /reassignment}), as
     * Confluent writes the CRN of a resource that is one per owner.
     */
    String crn(Object... typesAndNames) {
        StringBuilder crn = new StringBuilder("crn:///kafka=").append(clusterId);
        for (int i = 0; i + 1 < typesAndNames.length; i += 2) {
            crn.append('/').append(typesAndNames[i]);
            if (typesAndNames[i + 1] != null) {
                crn.append('=').append(typesAndNames[i + 1]);
            }
        }
        return crn.toString();
    }

    /** One resource: {@code kind}, {@code metadata} ({@code self}, {@code resource_name}) and {@code cluster_id}. */
    ObjectNode resource(String kind, String self, String resourceName) {
        ObjectNode node = Json.object();
        node.put("kind", kind);
        node.putObject("metadata").put("self", self).put("resource_name", resourceName);
        node.put("cluster_id", clusterId);
        return node;
    }

    /** A collection answered whole: {@code kind}, {@code metadata} ({@code self}, {@code next}: null). */
    static ObjectNode collection(String kind, String self) {
        ObjectNode node = Json.object();
        node.put("kind", kind);
        node.putObject("metadata").put("self", self).putNull("next");
        return node;
    }

    /** The {@code data} array of a collection. */
    static ArrayNode data(ObjectNode collection) {
        return collection.putArray("data");
    }

    /** A relationship {@code field: {"related": url}}. */
    static void related(ObjectNode node, String field, String url) {
        node.putObject(field).put("related", url);
    }

    /** Answers {@code body} as {@code application/json} with {@code status}. */
    static void send(RoutingContext routing, GatewayContext context, int status, ObjectNode body) {
        routing.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON)
                .end(context.json().buffer(body));
    }

    /** Answers {@code body} with 200. */
    static void send(RoutingContext routing, GatewayContext context, ObjectNode body) {
        send(routing, context, 200, body);
    }
}
