package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.Failures;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.MediaTypes;
import io.pinpipe.gateway.http.RequestAttributes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
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
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Confluent REST API v3 produce: {@code POST /v3/clusters/{id}/topics/{topic}/records} with one record or a stream
 * of concatenated records, and {@code POST .../records:batch} with {@code {"entries": [{"id", ...}]}}. Each record
 * is answered on its own: written ({@code error_code} 200 with partition, offset, timestamp and key/value type and
 * size) or not, with its error. A record that cannot be sent (invalid, a partition the topic lacks) is not, and the
 * other records of the request are. A stream is answered with one result per record, one per line, in order, the
 * HTTP status following the first failure; a batch with 207 and its {@code successes} and {@code failures} by id.
 */
public final class V3Routes implements RouteModule {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    /**
     * What became of one record: written ({@code failure} null), or refused before sending or failed by Kafka.
     *
     * @param errorCode the report's {@code error_code}: 200 when written; a refusal's own code (400, 40402);
     *                  the HTTP status of a Kafka failure, as v3 delivery reports carry it
     */
    private record Result(V3Records.Attempt attempt, RecordOutcome outcome, RestException failure, int errorCode) {

        static Result refused(V3Records.Attempt attempt) {
            return new Result(attempt, null, attempt.invalid(), attempt.invalid().errorCode());
        }

        static Result of(V3Records.Attempt attempt, RecordOutcome outcome) {
            if (outcome.ok()) {
                return new Result(attempt, outcome, null, 200);
            }
            RestException failure = Failures.classify(outcome.error());
            return new Result(attempt, outcome, failure, failure.status());
        }
    }

    @Override
    public void mount(Router router, GatewayContext context) {
        router.post("/v3/clusters/:cluster_id/topics/:topic/records").handler(routing -> produce(routing, context));
        // A regex: in a plain path, ":batch" would be read as a path parameter. (Java's group names allow no "_".)
        router.postWithRegex("/v3/clusters/(?<clusterId>[^/]+)/topics/(?<topic>[^/]+)/records:batch")
                .handler(routing -> batch(routing, context));
    }

    private static void produce(RoutingContext routing, GatewayContext context) {
        MediaTypes.negotiateV3(routing);
        MediaTypes.requireJson(routing);
        V3Resources cluster = V3Resources.of(routing, context);
        String topic = TopicRoutes.allowedTopic(routing, context);
        List<V3Records.Attempt> attempts = V3Records.parse(context.json().readAll(routing.body().buffer()),
                context.json());
        if (attempts.isEmpty()) {
            throw new RestException(400, 400, "the request body holds no record");
        }
        send(routing, context, topic, attempts, results -> answerStream(routing, context, cluster, topic, results));
    }

    private static void batch(RoutingContext routing, GatewayContext context) {
        MediaTypes.negotiateV3(routing);
        MediaTypes.requireJson(routing);
        V3Resources cluster = V3Resources.of(routing, context, routing.pathParam("clusterId"));
        String topic = TopicRoutes.allowedTopic(routing, context);
        List<V3Records.Attempt> attempts = V3Records.parseBatch(context.json().read(routing.body().buffer()),
                context.json());
        send(routing, context, topic, attempts, results -> answerBatch(routing, context, cluster, topic, results));
    }

    /**
     * Sends the records that can be sent and hands every record's result, in request order, to {@code then}. The
     * record cap counts every record of the request, sent or not: over it, nothing is written (413).
     */
    private static void send(RoutingContext routing, GatewayContext context, String topic,
                             List<V3Records.Attempt> attempts, Consumer<List<Result>> then) {
        routing.put(RequestAttributes.RECORDS, attempts.size());
        RecordCap.check(attempts.size(), context.config());
        Async.then(routing, context.cluster().partitions(topic), partitions -> {
            int count = partitions.orElseThrow(() -> V3Resources.notFound("Topic " + topic));
            List<V3Records.Attempt> checked = new ArrayList<>(attempts.size());
            List<ProducerRecord<byte[], byte[]>> toSend = new ArrayList<>();
            for (V3Records.Attempt attempt : attempts) {
                V3Records.Parsed record = attempt.record();
                if (record != null && record.partition() != null && record.partition() >= count) {
                    attempt = attempt.refuse(Partitions.notFound(topic, record.partition()));
                }
                checked.add(attempt);
                if (attempt.record() != null) {
                    toSend.add(new ProducerRecord<>(topic, record.partition(), record.timestamp(),
                            record.key() == null ? null : record.key().bytes(),
                            record.value() == null ? null : record.value().bytes(), record.headers()));
                }
            }
            if (toSend.isEmpty()) {
                then.accept(merge(checked, List.of()));
                return;
            }
            long received = RequestAttributes.receivedNanos(routing);
            Async.then(routing, context.produce().send(toSend, received), outcomes ->
                    then.accept(merge(checked, outcomes)));
        });
    }

    private static List<Result> merge(List<V3Records.Attempt> attempts, List<RecordOutcome> outcomes) {
        Iterator<RecordOutcome> sent = outcomes.iterator();
        List<Result> results = new ArrayList<>(attempts.size());
        for (V3Records.Attempt attempt : attempts) {
            results.add(attempt.record() == null ? Result.refused(attempt) : Result.of(attempt, sent.next()));
        }
        return results;
    }

    private static void answerStream(RoutingContext routing, GatewayContext context, V3Resources cluster,
                                     String topic, List<Result> results) {
        Buffer body = Buffer.buffer();
        RestException firstFailure = null;
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            ObjectNode report = result.failure() == null ? written(cluster, topic, result) : failed(result);
            firstFailure = firstFailure == null ? result.failure() : firstFailure;
            if (i > 0) {
                body.appendString("\n");
            }
            body.appendBuffer(context.json().buffer(report));
        }
        count(context, results);
        var response = routing.response().putHeader(HttpHeaders.CONTENT_TYPE, MediaTypes.JSON);
        if (firstFailure != null) {
            routing.put(RequestAttributes.ERROR_CODE, firstFailure.errorCode());
            response.setStatusCode(firstFailure.status());
            if (Failures.retriable(firstFailure)) {
                response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(context.errors().retryAfterSeconds()));
            }
        }
        response.end(body);
    }

    /** 207 Multi-Status, as Confluent answers a batch: each entry's report is under its id. */
    private static void answerBatch(RoutingContext routing, GatewayContext context, V3Resources cluster,
                                    String topic, List<Result> results) {
        ObjectNode body = Json.object();
        ArrayNode successes = body.putArray("successes");
        ArrayNode failures = body.putArray("failures");
        for (Result result : results) {
            if (result.failure() == null) {
                successes.add(written(cluster, topic, result).without("error_code"));
            } else {
                failures.add(failed(result));
            }
        }
        count(context, results);
        V3Resources.send(routing, context, 207, body);
    }

    private static ObjectNode written(V3Resources cluster, String topic, Result result) {
        ObjectNode report = withId(result);
        report.put("error_code", 200);
        report.put("cluster_id", cluster.clusterId());
        report.put("topic_name", topic);
        report.put("partition_id", result.outcome().metadata().partition());
        report.put("offset", result.outcome().metadata().offset());
        report.put("timestamp", TIMESTAMP.format(Instant.ofEpochMilli(result.outcome().metadata().timestamp())));
        putData(report, "key", result.attempt().record().key());
        putData(report, "value", result.attempt().record().value());
        return report;
    }

    private static ObjectNode failed(Result result) {
        ObjectNode report = withId(result);
        report.put("error_code", result.errorCode());
        report.put("message", result.failure().getMessage());
        return report;
    }

    /** A report, starting with the entry's id in a batch. */
    private static ObjectNode withId(Result result) {
        ObjectNode report = Json.object();
        if (result.attempt().id() != null) {
            report.put("id", result.attempt().id());
        }
        return report;
    }

    private static void count(GatewayContext context, List<Result> results) {
        context.metrics().counter("pinpipe.gateway.records")
                .increment(results.stream().filter(result -> result.failure() == null).count());
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
}
