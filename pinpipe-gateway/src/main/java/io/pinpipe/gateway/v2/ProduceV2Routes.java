package io.pinpipe.gateway.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Failures;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RequestAttributes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.BrokerUnavailableException;
import io.pinpipe.gateway.kafka.RecordCap;
import io.pinpipe.gateway.kafka.RecordOutcome;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * REST Proxy v2 produce: {@code POST /topics/{topic}} and {@code POST /topics/{topic}/partitions/{partition}}.
 * The answer is sent only after Kafka acknowledged or refused every record; it lists one {@code offsets[]} entry per
 * record in order. Stricter than Confluent: an unknown topic is a fast 40401, and a request with any failed record
 * does not answer 200 — its status follows the failure while the body still lists every record's result.
 */
public final class ProduceV2Routes implements RouteModule {

    @Override
    public void mount(Router router, GatewayContext context) {
        router.post("/topics/:topic").handler(routing -> produce(routing, context, null));
        router.post("/topics/:topic/partitions/:partition").handler(routing ->
                produce(routing, context, Partitions.parse(routing.pathParam("partition"))));
    }

    private static void produce(RoutingContext routing, GatewayContext context, Integer pathPartition) {
        String responseType = MediaTypes.negotiateV2(routing);
        MediaTypes.EmbeddedFormat format = MediaTypes.produceFormat(routing);
        String topic = routing.pathParam("topic");
        context.topicAccess().check(routing, topic);
        List<V2Records.Parsed> records = V2Records.parse(context.json().read(routing.body().buffer()), format,
                context.json());
        routing.put(RequestAttributes.RECORDS, records.size());
        RecordCap.check(records.size(), context.config());
        if (!context.cluster().reachable()) {
            throw new BrokerUnavailableException("the Kafka cluster cannot be reached; nothing was written");
        }
        Async.then(routing, context.cluster().partitions(topic), partitions -> {
            int count = existingPartitions(topic, partitions);
            List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>(records.size());
            for (V2Records.Parsed record : records) {
                Integer partition = pathPartition != null ? pathPartition : record.partition();
                if (partition != null && partition >= count) {
                    throw Partitions.notFound(topic, partition);
                }
                toSend.add(new ProducerRecord<>(topic, partition, record.key(), record.value()));
            }
            long received = RequestAttributes.receivedNanos(routing);
            Async.then(routing, context.produce().send(toSend, received), outcomes ->
                    respond(routing, context, responseType, outcomes));
        });
    }

    static int existingPartitions(String topic, Optional<Integer> partitions) {
        return partitions.orElseThrow(() -> new RestException(404, ErrorCodes.TOPIC_NOT_FOUND,
                "Topic " + topic + " not found."));
    }

    private static void respond(RoutingContext routing, GatewayContext context, String responseType,
                                List<RecordOutcome> outcomes) {
        ObjectNode body = Json.object();
        ArrayNode offsets = body.putArray("offsets");
        RestException firstFailure = null;
        int acknowledged = 0;
        for (RecordOutcome outcome : outcomes) {
            ObjectNode entry = offsets.addObject();
            if (outcome.ok()) {
                acknowledged++;
                entry.put("partition", outcome.metadata().partition());
                entry.put("offset", outcome.metadata().offset());
                entry.putNull("error_code");
                entry.putNull("error");
            } else {
                RestException failure = Failures.classify(outcome.error());
                firstFailure = firstFailure == null ? failure : firstFailure;
                entry.putNull("partition");
                entry.putNull("offset");
                entry.put("error_code", Failures.retriable(failure) ? ErrorCodes.RECORD_RETRIABLE
                        : ErrorCodes.RECORD_NOT_RETRIABLE);
                entry.put("error", failure.getMessage());
            }
        }
        body.putNull("key_schema_id");
        body.putNull("value_schema_id");
        context.metrics().counter("pinpipe.gateway.records").increment(acknowledged);
        var response = routing.response().putHeader(HttpHeaders.CONTENT_TYPE, responseType);
        if (firstFailure != null) {
            body.put("error_code", firstFailure.errorCode());
            body.put("message", (outcomes.size() - acknowledged) + " of " + outcomes.size() + " records were not"
                    + " written: " + firstFailure.getMessage());
            routing.put(RequestAttributes.ERROR_CODE, firstFailure.errorCode());
            response.setStatusCode(firstFailure.status());
            if (firstFailure.status() == 503) {
                response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(context.errors().retryAfterSeconds()));
            }
        }
        response.end(context.json().buffer(body));
    }
}
