package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.config.GatewayKeys;
import io.pinpipe.gateway.front.BodyIntake;
import io.pinpipe.gateway.http.BodyLimit;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.ClusterView;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The Confluent REST Proxy v2 consumer API ({@code /consumers/...}), byte-compatible with Confluent's for the
 * {@code binary} and {@code json} formats. Every Kafka call runs on the instance's own thread; handlers only parse,
 * queue and answer.
 *
 * <p>Fenced: a group outside {@code pinpipe.consumer.groups.regex} (by default Kafka Connect's and Spark's) is
 * refused before any consumer is built, and every topic named in a subscription, assignment, seek or commit must pass
 * the topic allow-list (a {@code topic_pattern} is narrowed to it).
 *
 * <p>A records read waits at most half of {@code pinpipe.idle.timeout.seconds}, whatever the instance asked for:
 * Vert.x closes a connection on which nothing was read or written for the idle timeout, and a long poll writes
 * nothing until it answers. Half, so that a read queued behind another read of the same instance still answers in
 * time. An early answer with fewer records is what a long poll may always give; the client simply reads again.
 *
 * <p>A records read reserves its answer in the gateway's memory budget before it is queued ({@link ReadMemory}), and
 * every instance's Kafka fetch buffers are bounded by {@code consumer.request.max.bytes}
 * ({@link ConsumerInstanceConfig#kafkaConfig}), so many instances reading at once cannot exhaust the heap.
 *
 * <p>Owns the consumer instances: call {@link #close()} when the gateway stops (it closes every instance, so their
 * groups rebalance at once instead of after a session timeout).
 */
public final class ConsumerRoutes implements RouteModule, AutoCloseable {

    private static final String INSTANCE = "/consumers/:group/instances/:instance";

    private final ConsumerSettings settings;
    private final LongSupplier clockMs;
    private final ConsumerRegistry registry;
    private Vertx vertx;
    private GatewayContext context;
    private ConsumerJson json;
    private long longestWaitMs;
    private long expiryTimer = -1;

    public ConsumerRoutes(ConsumerSettings settings) {
        this(settings, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    /** @param clockMs a monotonic clock in milliseconds, for instance expiry */
    public ConsumerRoutes(ConsumerSettings settings, LongSupplier clockMs) {
        this.settings = settings;
        this.clockMs = clockMs;
        this.registry = new ConsumerRegistry(settings, clockMs);
    }

    @Override
    public Map<String, BodyLimit> bodyLimits() {
        return Map.of("/consumers/*", new BodyLimit(settings.bodyMaxBytes(), ConsumerSettings.BODY_MAX_BYTES.name()));
    }

    @Override
    public void mount(Router router, GatewayContext context) {
        this.vertx = context.vertx();
        this.context = context;
        this.json = new ConsumerJson(context.json());
        this.longestWaitMs = longestWaitMs(context.config().getInt(GatewayKeys.IDLE_TIMEOUT_SECONDS));
        router.route(HttpMethod.POST, "/consumers/:group").handler(guard(ctx -> create(ctx, context)));
        router.route(HttpMethod.DELETE, INSTANCE).handler(guard(this::delete));
        router.route(HttpMethod.POST, INSTANCE + "/subscription").handler(guard(this::subscribe));
        router.route(HttpMethod.GET, INSTANCE + "/subscription").handler(guard(this::subscription));
        router.route(HttpMethod.DELETE, INSTANCE + "/subscription").handler(guard(this::unsubscribe));
        router.route(HttpMethod.POST, INSTANCE + "/assignments").handler(guard(this::assign));
        router.route(HttpMethod.GET, INSTANCE + "/assignments").handler(guard(this::assignment));
        router.route(HttpMethod.POST, INSTANCE + "/offsets").handler(guard(this::commit));
        router.route(HttpMethod.GET, INSTANCE + "/offsets").handler(guard(this::committed));
        router.route(HttpMethod.POST, INSTANCE + "/positions").handler(guard(this::seek));
        router.route(HttpMethod.POST, INSTANCE + "/positions/beginning").handler(guard(this::seekToBeginning));
        router.route(HttpMethod.POST, INSTANCE + "/positions/end").handler(guard(this::seekToEnd));
        router.route(HttpMethod.GET, INSTANCE + "/records").handler(guard(this::records));
        if (expiryTimer < 0) {
            // Mounted on several routers (stage prefixes), the module still sweeps and reports once.
            long sweepMs = Math.max(10, Math.min(1_000, settings.instanceTimeoutMs() / 4));
            expiryTimer = vertx.setPeriodic(sweepMs, tick -> registry.expireIdle());
            context.metrics().gauge("pinpipe.gateway.consumer.instances", registry, ConsumerRegistry::size);
        }
    }

    /** How many consumer instances exist now. */
    public int instanceCount() {
        return registry.size();
    }

    /**
     * Closes every consumer instance and waits (up to 30 s) until they have left their groups. Blocks: call it from
     * the thread that stops the gateway, never from an event loop.
     */
    @Override
    public void close() {
        if (vertx != null && expiryTimer >= 0) {
            vertx.cancelTimer(expiryTimer);
        }
        try {
            registry.closeAll().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Best effort: each instance logs its own close failure.
        }
    }

    private void create(RoutingContext ctx, GatewayContext context) {
        String group = ctx.pathParam("group");
        context.groupAccess().check(ctx, group);
        ConsumerInstanceConfig config = ConsumerInstanceConfig.parse(json.body(ctx));
        HttpServerRequest request = ctx.request();
        Map<String, Object> kafkaConfig = config.kafkaConfig(context.consumerConfig(), group,
                settings.requestMaxBytes());
        answer(ctx, registry.create(group, config,
                        id -> new ConsumerSession(new KafkaConsumer<>(kafkaConfig), clockMs)),
                (routing, instance) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    body.put("instance_id", instance.id().name());
                    body.put("base_uri", BaseUri.of(request.headers(), request.scheme(),
                            String.valueOf(request.authority()), request.path(), group, instance.id().name()));
                    json.respond(routing, body);
                });
    }

    private void delete(RoutingContext ctx) {
        answer(ctx, registry.delete(ctx.pathParam("group"), ctx.pathParam("instance")),
                (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void subscribe(RoutingContext ctx) {
        ConsumerRequests.Subscription subscription = ConsumerRequests.subscription(json.body(ctx));
        if (subscription.topics() != null) {
            subscription.topics().forEach(topic -> context.topicAccess().check(ctx, topic));
        }
        run(ctx, session -> {
            if (subscription.pattern() != null) {
                session.subscribe(context.topicAccess().narrow(ctx, subscription.pattern()));
            } else {
                session.subscribe(subscription.topics());
            }
            return null;
        }, (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void subscription(RoutingContext ctx) {
        run(ctx, ConsumerSession::subscription, (routing, topics) -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            topics.forEach(body.putArray("topics")::add);
            json.respond(routing, body);
        });
    }

    private void unsubscribe(RoutingContext ctx) {
        run(ctx, session -> {
            session.unsubscribe();
            return null;
        }, (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void assign(RoutingContext ctx) {
        List<TopicPartition> partitions = checked(ctx, ConsumerRequests.partitions(json.body(ctx)));
        run(ctx, session -> {
            session.assign(partitions);
            return null;
        }, (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void assignment(RoutingContext ctx) {
        run(ctx, ConsumerSession::assignment, (routing, partitions) -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode list = body.putArray("partitions");
            partitions.stream()
                    .sorted((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                            : a.topic().compareTo(b.topic()))
                    .forEach(partition -> list.addObject().put("topic", partition.topic())
                            .put("partition", partition.partition()));
            json.respond(routing, body);
        });
    }

    private void commit(RoutingContext ctx) {
        JsonNode body = json.body(ctx);
        Map<TopicPartition, Long> offsets = body == null ? null : ConsumerRequests.offsets(body);
        Collection<TopicPartition> named = offsets == null ? List.of() : checked(ctx, offsets.keySet());
        runOnExisting(ctx, named, session -> {
            session.commit(offsets);
            return null;
        }, (routing, done) -> json.respond(routing, JsonNodeFactory.instance.arrayNode()));
    }

    private void committed(RoutingContext ctx) {
        JsonNode body = json.body(ctx);
        if (body == null) {
            throw new RestException(404, ErrorCodes.PARTITION_NOT_FOUND,
                    "Partition not found: GET .../offsets needs a body {\"partitions\":[{\"topic\",\"partition\"}]}");
        }
        List<TopicPartition> partitions = checked(ctx, ConsumerRequests.partitions(body));
        runOnExisting(ctx, partitions, session -> session.committed(new HashSet<>(partitions)),
                (routing, committed) -> respondCommitted(routing, partitions, committed));
    }

    private void respondCommitted(RoutingContext routing, List<TopicPartition> partitions,
                                  Map<TopicPartition, OffsetAndMetadata> committed) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode list = response.putArray("offsets");
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                list.addObject().put("topic", partition.topic()).put("partition", partition.partition())
                        .put("offset", offset.offset()).put("metadata", offset.metadata());
            }
        }
        json.respond(routing, response);
    }

    private void seek(RoutingContext ctx) {
        Map<TopicPartition, Long> offsets = ConsumerRequests.offsets(json.body(ctx));
        checked(ctx, offsets.keySet());
        run(ctx, session -> {
            session.seek(offsets);
            return null;
        }, (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void seekToBeginning(RoutingContext ctx) {
        List<TopicPartition> partitions = checked(ctx, ConsumerRequests.partitions(json.body(ctx)));
        run(ctx, session -> {
            session.seekToBeginning(partitions);
            return null;
        }, (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void seekToEnd(RoutingContext ctx) {
        List<TopicPartition> partitions = checked(ctx, ConsumerRequests.partitions(json.body(ctx)));
        run(ctx, session -> {
            session.seekToEnd(partitions);
            return null;
        }, (routing, done) -> ConsumerJson.noContent(routing));
    }

    private void records(RoutingContext ctx) {
        ConsumerInstance instance = registry.get(ctx.pathParam("group"), ctx.pathParam("instance"));
        EmbeddedFormat format = instance.config().format();
        String accept = ctx.request().getHeader("Accept");
        if (EmbeddedFormat.fromAccept(accept).filter(format::equals).isEmpty()) {
            throw ConsumerErrors.formatMismatch(format, accept);
        }
        int instanceWait = instance.config().requestWaitMs() != null ? instance.config().requestWaitMs()
                : settings.requestTimeoutMs();
        long timeout = queryLong(ctx, "timeout");
        long maxBytes = queryLong(ctx, "max_bytes");
        long waitMs = Math.min(longestWaitMs, timeout <= 0 ? instanceWait : Math.min(timeout, instanceWait));
        long limit = maxBytes <= 0 ? settings.requestMaxBytes() : Math.min(maxBytes, settings.requestMaxBytes());
        RecordEncoding encoding = new RecordEncoding(format);
        // Reserved before the read is queued, released when the answer is sent; clamped, never refused, when larger
        // than the whole budget (a smaller answer is still a valid read), 503/50304 when it does not fit now.
        long reserved = BodyIntake.reserveAnswer(ctx, context.memory(), ReadMemory.reservationFor(format, limit));
        long answerLimit = ReadMemory.limitWithin(format, reserved);
        answer(ctx, instance.submit(session ->
                        session.read(waitMs, answerLimit, instance.config().responseMinBytes(), encoding)),
                (routing, body) -> ConsumerJson.respond(routing, 200, format.mediaType(), body));
    }

    /** Half the idle timeout: the longest a records read may wait without its connection being cut as idle. */
    static long longestWaitMs(int idleTimeoutSeconds) {
        return TimeUnit.SECONDS.toMillis(idleTimeoutSeconds) / 2;
    }

    /** The partitions, once every topic among them passed the allow-list (403/40301 otherwise). */
    private <C extends Collection<TopicPartition>> C checked(RoutingContext ctx, C partitions) {
        partitions.stream().map(TopicPartition::topic).distinct()
                .forEach(topic -> context.topicAccess().check(ctx, topic));
        return partitions;
    }

    private <T> void run(RoutingContext ctx, Function<ConsumerSession, T> work,
                         BiConsumer<RoutingContext, T> onSuccess) {
        runOnExisting(ctx, List.of(), work, onSuccess);
    }

    /**
     * As {@link #run}, once every partition in {@code partitions} exists (404/40401 or 404/40402 otherwise, from
     * the gateway's topic cache). Kafka retries a commit or an offsets lookup on a missing partition for its whole
     * API timeout (60 s): the instance would be held and the connection silent beyond the idle timeout.
     */
    private <T> void runOnExisting(RoutingContext ctx, Collection<TopicPartition> partitions,
                                   Function<ConsumerSession, T> work, BiConsumer<RoutingContext, T> onSuccess) {
        ConsumerInstance instance = registry.get(ctx.pathParam("group"), ctx.pathParam("instance"));
        answer(ctx, requireExisting(partitions).thenCompose(exists -> instance.submit(work)), onSuccess);
    }

    /**
     * The partition count of {@code topic}; a topic the cache does not know is looked up again at once, since a
     * consumer may well name a topic created a moment ago (produce answers such a topic 40401 fast instead).
     */
    private CompletableFuture<Optional<Integer>> partitionsNow(String topic) {
        ClusterView cluster = context.cluster();
        return cluster.partitions(topic).thenCompose(count -> count.isPresent()
                ? CompletableFuture.completedFuture(count)
                : cluster.refreshNow().thenCompose(refreshed -> cluster.partitions(topic)));
    }

    private CompletableFuture<Void> requireExisting(Collection<TopicPartition> partitions) {
        return CompletableFuture.allOf(partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic))
                .entrySet().stream().map(topic -> partitionsNow(topic.getKey()).thenAccept(count -> {
                    if (count.isEmpty()) {
                        throw new RestException(404, ErrorCodes.TOPIC_NOT_FOUND, "Topic " + topic.getKey()
                                + " not found.");
                    }
                    topic.getValue().stream().filter(partition -> partition.partition() >= count.get()).findFirst()
                            .ifPresent(partition -> {
                                throw new RestException(404, ErrorCodes.PARTITION_NOT_FOUND, "Partition "
                                        + partition + " not found.");
                            });
                })).toArray(CompletableFuture[]::new));
    }

    /** Answers on the request's event loop once {@code work} is done, mapping any failure to the error envelope. */
    private static <T> void answer(RoutingContext ctx, CompletableFuture<T> work, BiConsumer<RoutingContext, T> then) {
        Future.fromCompletionStage(work, ctx.vertx().getOrCreateContext())
                .onSuccess(result -> then.accept(ctx, result))
                .onFailure(failure -> ctx.fail(ConsumerErrors.toRest(failure)));
    }

    /** Runs a handler, turning anything it throws into the error envelope. */
    private static Handler<RoutingContext> guard(Handler<RoutingContext> handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (RuntimeException e) {
                ctx.fail(ConsumerErrors.toRest(e));
            }
        };
    }

    private static long queryLong(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty() || values.get(0).isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(values.get(0).trim());
        } catch (NumberFormatException e) {
            throw ConsumerErrors.badRequest("Query parameter '" + name + "' must be a whole number, not '"
                    + values.get(0) + "'");
        }
    }
}
