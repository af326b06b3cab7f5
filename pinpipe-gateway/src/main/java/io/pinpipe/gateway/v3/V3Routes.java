package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.Failures;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RequestAttributes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.BrokerUnavailableException;
import io.pinpipe.gateway.kafka.ClusterView;
import io.pinpipe.gateway.kafka.RecordCap;
import io.pinpipe.gateway.kafka.RecordOutcome;
import io.pinpipe.gateway.v2.Partitions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Confluent REST API v3, the parts producers use: {@code GET /v3/clusters}, {@code GET /v3/clusters/{id}} and
 * {@code POST /v3/clusters/{id}/topics/{topic}/records} with one record or a stream of concatenated records. Each
 * record gets a result object ({@code error_code} 200 with partition, offset, timestamp and key/value type and size,
 * or an error); a stream is answered with the results concatenated, one per line, in order.
 */
public final class V3Routes implements RouteModule {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/v3/clusters").handler(routing -> {
            MediaTypes.negotiateV3(routing);
            ClusterView.Snapshot snapshot = requireSnapshot(context);
            ObjectNode body = Json.object();
            body.put("kind", "KafkaClusterList");
            body.putObject("metadata").put("self", base(routing) + "/v3/clusters").putNull("next");
            body.putArray("data").add(cluster(routing, snapshot));
            json(routing, context, body);
        });
        router.get("/v3/clusters/:cluster_id").handler(routing -> {
            MediaTypes.negotiateV3(routing);
            json(routing, context, cluster(routing, requireCluster(routing, context)));
        });
        router.post("/v3/clusters/:cluster_id/topics/:topic/records").handler(routing -> produce(routing, context));
    }

    private static void produce(RoutingContext routing, GatewayContext context) {
        MediaTypes.negotiateV3(routing);
        MediaTypes.requireJson(routing);
        ClusterView.Snapshot snapshot = requireCluster(routing, context);
        String topic = routing.pathParam("topic");
        context.topicAccess().check(routing, topic);
        List<V3Records.Parsed> records = V3Records.parse(context.json().readAll(routing.body().buffer()),
                context.json());
        if (records.isEmpty()) {
            throw new RestException(400, 400, "the request body holds no record");
        }
        routing.put(RequestAttributes.RECORDS, records.size());
        RecordCap.check(records.size(), context.config());
        Async.then(routing, context.cluster().partitions(topic), partitions -> {
            int count = partitions.orElseThrow(() -> new RestException(404, 404, "Topic " + topic + " not found."));
            List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>();
            for (V3Records.Parsed record : records) {
                if (record.partition() != null && record.partition() >= count) {
                    throw Partitions.notFound(topic, record.partition());
                }
                toSend.add(new ProducerRecord<>(topic, record.partition(), record.timestamp(),
                        record.key() == null ? null : record.key().bytes(),
                        record.value() == null ? null : record.value().bytes(), record.headers()));
            }
            long received = RequestAttributes.receivedNanos(routing);
            Async.then(routing, context.produce().send(toSend, received), outcomes ->
                    respond(routing, context, snapshot.clusterId(), topic, records, outcomes));
        });
    }

    private static void respond(RoutingContext routing, GatewayContext context, String clusterId, String topic,
                                List<V3Records.Parsed> records, List<RecordOutcome> outcomes) {
        Buffer body = Buffer.buffer();
        RestException firstFailure = null;
        int acknowledged = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            RecordOutcome outcome = outcomes.get(i);
            ObjectNode result = Json.object();
            if (outcome.ok()) {
                acknowledged++;
                result.put("error_code", 200);
                result.put("cluster_id", clusterId);
                result.put("topic_name", topic);
                result.put("partition_id", outcome.metadata().partition());
                result.put("offset", outcome.metadata().offset());
                result.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(outcome.metadata().timestamp())));
                putData(result, "key", records.get(i).key());
                putData(result, "value", records.get(i).value());
            } else {
                RestException failure = Failures.classify(outcome.error());
                firstFailure = firstFailure == null ? failure : firstFailure;
                result.put("error_code", failure.status());
                result.put("message", failure.getMessage());
            }
            if (i > 0) {
                body.appendString("\n");
            }
            body.appendBuffer(context.json().buffer(result));
        }
        context.metrics().counter("pinpipe.gateway.records").increment(acknowledged);
        var response = routing.response().putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON);
        if (firstFailure != null) {
            routing.put(RequestAttributes.ERROR_CODE, firstFailure.errorCode());
            response.setStatusCode(firstFailure.status());
            if (firstFailure.status() == 503) {
                response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(context.errors().retryAfterSeconds()));
            }
        }
        response.end(body);
    }

    private static void putData(ObjectNode result, String field, V3Records.Data data) {
        if (data == null) {
            result.putNull(field);
            return;
        }
        ObjectNode node = result.putObject(field);
        node.put("type", data.type().name());
        node.put("size", data.bytes() == null ? 0 : data.bytes().length);
    }

    private static ClusterView.Snapshot requireSnapshot(GatewayContext context) {
        return context.cluster().snapshot().filter(ignored -> context.cluster().reachable())
                .orElseThrow(() -> new BrokerUnavailableException("the Kafka cluster cannot be reached"));
    }

    private static ClusterView.Snapshot requireCluster(RoutingContext routing, GatewayContext context) {
        ClusterView.Snapshot snapshot = requireSnapshot(context);
        String id = routing.pathParam("cluster_id");
        if (!snapshot.clusterId().equals(id)) {
            throw new RestException(404, 404, "Cluster " + id + " not found.");
        }
        return snapshot;
    }

    private static ObjectNode cluster(RoutingContext routing, ClusterView.Snapshot snapshot) {
        String self = base(routing) + "/v3/clusters/" + snapshot.clusterId();
        ObjectNode node = Json.object();
        node.put("kind", "KafkaCluster");
        node.putObject("metadata").put("self", self).put("resource_name", "crn:///kafka=" + snapshot.clusterId());
        node.put("cluster_id", snapshot.clusterId());
        node.putObject("brokers").put("related", self + "/brokers");
        node.putObject("topics").put("related", self + "/topics");
        return node;
    }

    private static String base(RoutingContext routing) {
        String mount = routing.mountPoint() == null ? "" : routing.mountPoint();
        if (mount.endsWith("/")) {
            mount = mount.substring(0, mount.length() - 1);
        }
        return routing.request().scheme() + "://" + routing.request().authority() + mount;
    }

    private static void json(RoutingContext routing, GatewayContext context, ObjectNode body) {
        routing.response().putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON).end(context.json().buffer(body));
    }
}
