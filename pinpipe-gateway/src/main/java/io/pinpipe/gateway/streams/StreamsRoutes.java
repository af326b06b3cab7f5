package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.BodyLimit;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RequestAttributes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The Kinesis-style streams API over Kafka topics:
 * {@code GET /streams}, {@code POST|GET|DELETE /streams/{stream}}, {@code PUT /streams/{stream}/record} and
 * {@code PUT /streams/{stream}/records}. Answers are JSON shaped like Kinesis'; failures use the gateway's error
 * envelope (see {@link StreamErrors}), except a PutRecords with failed records, which answers 500 or 503 with the
 * Kinesis result body so the client can send only the failed records again.
 *
 * <p>Fenced like the rest of the gateway: every stream name passes the topic allow-list, creating and deleting need
 * {@link io.pinpipe.gateway.front.AdminAccess}, and writes go through the one {@link
 * io.pinpipe.gateway.kafka.ProduceService} (in-flight cap, deadline) after the fast Kafka-reachability check.
 */
public final class StreamsRoutes implements RouteModule {

    private static final String JSON = "application/json";

    private final StreamsSettings settings;
    private final LongSupplier clockMs;
    private GatewayContext context;
    private Json json;
    private int retryAfterSeconds;
    private StreamRequests requests;
    private StreamCatalog catalog;
    private StreamWriter writer;

    public StreamsRoutes(StreamsSettings settings) {
        this(settings, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    /** @param clockMs a monotonic clock in milliseconds, for the catalog's memory of existing streams */
    public StreamsRoutes(StreamsSettings settings, LongSupplier clockMs) {
        this.settings = settings;
        this.clockMs = clockMs;
    }

    @Override
    public Map<String, BodyLimit> bodyLimits() {
        return Map.of("/streams*", new BodyLimit(settings.bodyMaxBytes(), StreamsSettings.BODY_MAX_BYTES.name()));
    }

    @Override
    public void mount(Router router, GatewayContext context) {
        this.context = context;
        json = context.json();
        retryAfterSeconds = context.errors().retryAfterSeconds();
        requests = new StreamRequests(json, settings.putRecordsMax());
        catalog = new StreamCatalog(context.admin(), settings, clockMs);
        writer = new StreamWriter(context.vertx(), context.produce(), context.metrics());
        router.route(HttpMethod.GET, "/streams").handler(guard(this::list));
        router.route(HttpMethod.POST, "/streams/:stream").handler(guard(this::create));
        router.route(HttpMethod.GET, "/streams/:stream").handler(guard(this::describe));
        router.route(HttpMethod.DELETE, "/streams/:stream").handler(guard(this::delete));
        router.route(HttpMethod.PUT, "/streams/:stream/record").handler(guard(this::putRecord));
        router.route(HttpMethod.PUT, "/streams/:stream/records").handler(guard(this::putRecords));
    }

    private void list(RoutingContext ctx) {
        answer(ctx, catalog.list(), "", names -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode list = body.putArray("StreamNames");
            names.stream().filter(name -> context.topicAccess().allowed(ctx, name)).forEach(list::add);
            body.put("HasMoreStreams", false);
            respond(ctx, 200, body);
        });
    }

    private void create(RoutingContext ctx) {
        String stream = ctx.pathParam("stream");
        context.adminAccess().check(ctx);
        context.topicAccess().check(ctx, stream);
        int shards = StreamRequests.shardCount(body(ctx), stream, settings.maxShards());
        answer(ctx, catalog.create(stream, shards), stream, done -> respond(ctx, 200, emptyObject()));
    }

    private void describe(RoutingContext ctx) {
        String stream = ctx.pathParam("stream");
        context.topicAccess().check(ctx, stream);
        answer(ctx, catalog.describe(stream), stream, description -> respond(ctx, 200, description));
    }

    private void delete(RoutingContext ctx) {
        String stream = ctx.pathParam("stream");
        context.adminAccess().check(ctx);
        context.topicAccess().check(ctx, stream);
        answer(ctx, catalog.delete(stream), stream, done -> respond(ctx, 200, emptyObject()));
    }

    private void putRecord(RoutingContext ctx) {
        String stream = ctx.pathParam("stream");
        context.topicAccess().check(ctx, stream);
        StreamRecord record = requests.putRecord(body(ctx), stream);
        requireReachableCluster();
        long received = RequestAttributes.receivedNanos(ctx);
        answer(ctx, catalog.requireExists(stream), stream, exists -> writer.put(stream, List.of(record), received)
                .onSuccess(outcomes -> {
                    StreamWriter.Outcome outcome = outcomes.get(0);
                    if (!outcome.succeeded()) {
                        ctx.fail(StreamErrors.toRest(outcome.failure(), stream));
                        return;
                    }
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("SequenceNumber", String.valueOf(outcome.offset()));
                    body.put("ShardId", ShardIds.of(outcome.partition()));
                    respond(ctx, 200, body);
                })
                .onFailure(failure -> ctx.fail(StreamErrors.toRest(failure, stream))));
    }

    private void putRecords(RoutingContext ctx) {
        String stream = ctx.pathParam("stream");
        context.topicAccess().check(ctx, stream);
        List<StreamRecord> records = requests.putRecords(body(ctx), stream);
        requireReachableCluster();
        long received = RequestAttributes.receivedNanos(ctx);
        answer(ctx, catalog.requireExists(stream), stream, exists -> writer.put(stream, records, received)
                .onSuccess(outcomes -> respondPutRecords(ctx, outcomes))
                .onFailure(failure -> ctx.fail(StreamErrors.toRest(failure, stream))));
    }

    /** While the last metadata refresh did not reach Kafka, writes are refused at once, as v2 and v3 do. */
    private void requireReachableCluster() {
        if (!context.cluster().reachable()) {
            throw new RestException(503, ErrorCodes.KAFKA_UNAVAILABLE, StreamErrors.SERVICE_UNAVAILABLE
                    + ": the Kafka cluster cannot be reached; nothing was written");
        }
    }

    /**
     * 200 when every record was stored; else 503 (with Retry-After) if all failures may pass when sent again, 500 if
     * not.
     */
    private void respondPutRecords(RoutingContext ctx, List<StreamWriter.Outcome> outcomes) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        int failed = 0;
        boolean allRetriable = true;
        for (StreamWriter.Outcome outcome : outcomes) {
            ObjectNode result = results.addObject();
            if (outcome.succeeded()) {
                result.put("SequenceNumber", String.valueOf(outcome.offset()));
                result.put("ShardId", ShardIds.of(outcome.partition()));
            } else {
                failed++;
                boolean retriable = StreamErrors.isRetriable(outcome.failure());
                allRetriable &= retriable;
                result.put("ErrorCode", retriable ? StreamErrors.SERVICE_UNAVAILABLE : StreamErrors.INTERNAL_FAILURE);
                result.put("ErrorMessage", String.valueOf(outcome.failure().getMessage()));
            }
        }
        body.put("FailedRecordCount", failed);
        body.set("Records", results);
        if (failed > 0 && allRetriable) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        respond(ctx, failed == 0 ? 200 : allRetriable ? 503 : 500, body);
    }

    /** Continues on the request's event loop once {@code stage} completed; a failure becomes the envelope. */
    private static <T> void answer(RoutingContext ctx, CompletionStage<T> stage, String stream, Handler<T> then) {
        Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext())
                .onSuccess(result -> {
                    try {
                        then.handle(result);
                    } catch (RuntimeException e) {
                        ctx.fail(StreamErrors.toRest(e, stream));
                    }
                })
                .onFailure(failure -> ctx.fail(StreamErrors.toRest(failure, stream)));
    }

    private static Handler<RoutingContext> guard(Handler<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (RuntimeException e) {
                ctx.fail(StreamErrors.toRest(e, ctx.pathParam("stream")));
            }
        };
    }

    /** The body through the gateway's one strict parser; a body it refuses is Kinesis' SerializationException. */
    private JsonNode body(RoutingContext ctx) {
        try {
            return json.readIfPresent(ctx.body() == null ? null : ctx.body().buffer());
        } catch (RestException e) {
            throw new RestException(e.status(), e.errorCode(), "SerializationException: " + e.getMessage(), e);
        }
    }

    private static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    private void respond(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(json.buffer(body));
    }
}
