package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.pinpipe.gateway.ProduceV2IT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against unfriendly clients (issue 13): the consumer-group attack, amplification bodies many at once,
 * slow bodies, a connection flood and seeded random mutations of valid requests. Each attack is followed by a
 * normal client that must be served; every acknowledged record must be in Kafka and nothing else. The suite prints
 * its figures (attacks, requests, heap peak, records lost) at the end; README.md's reliability section quotes them.
 *
 * <p>Gateway and broker share this JVM, as under {@code pinpipe up}: the live heap (after a collection) is sampled
 * during the attacks and must stay within {@link #HEAP_BOUND} above where it started.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HostileClientsIT {

    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The budget this suite gives the gateway, small so that a few concurrent requests reach it. */
    private static final long BUDGET = 64L * 1_048_576;
    /**
     * Live heap the attacks may add: the budget, the producer's buffer (32 MiB), the parser's copy of the bodies being
     * checked on both event loops, and the test's own clients. Without the budget one amplification body alone adds
     * several hundred MiB.
     */
    private static final long HEAP_BOUND = 4 * BUDGET;
    private static final int READ_TIMEOUT_MS = 8_000;
    private static final int IDLE_TIMEOUT_S = 3;
    private static final int MAX_CONNECTIONS = 64;
    private static final long SEED = Long.getLong("pinpipe.fuzz.seed", 20_261_205L);

    private static GatewayFixture fixture;
    private static final Set<String> attacks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final AtomicInteger hostileRequests = new AtomicInteger();
    private static final AtomicLong heapPeak = new AtomicLong();
    /** Records acknowledged to any client, per topic: all of these must be in Kafka. */
    private static final Map<String, AtomicInteger> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Records answered "not acknowledged, retriable" (a produce timeout): Kafka may still have written them, as
     * documented. Only these may be in Kafka on top of the acknowledged ones; a rejected request writes nothing.
     */
    private static final AtomicInteger uncertain = new AtomicInteger();

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
        fixture.createTopic("pinpipe.pin", 3);
        fixture.createTopic("amp.pin", 3);
        fixture.createTopic("fuzz.pin", 3);
        fixture.createTopic("normal.pin", 1);
        fixture.createTopic("secret", 1);
        fixture.startGateway(Map.of(
                "pinpipe.rate.limit.per.second", "0",
                "pinpipe.topics.regex", "(?!secret).*",
                "pinpipe.inflight.max.bytes", Long.toString(BUDGET),
                "pinpipe.request.read.timeout.ms", Integer.toString(READ_TIMEOUT_MS),
                "pinpipe.idle.timeout.seconds", Integer.toString(IDLE_TIMEOUT_S),
                "pinpipe.max.connections", Integer.toString(MAX_CONNECTIONS),
                "pinpipe.access.log.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        if (fixture == null) {
            return;
        }
        try {
            int lost = 0;
            int extra = 0;
            for (Map.Entry<String, AtomicInteger> topic : acknowledged.entrySet()) {
                int inKafka = fixture.readAll(topic.getKey(), topic.getValue().get()).size();
                lost += Math.max(0, topic.getValue().get() - inKafka);
                extra += Math.max(0, inKafka - topic.getValue().get());
            }
            System.out.printf("hostile clients: attacks tried %d %s, hostile requests sent %d, heap peak %d MiB"
                            + " above baseline (bound %d MiB), records acknowledged %d, records lost %d, records"
                            + " in Kafka beyond the acknowledged %d (answered as timed out: %d), fuzz seed %d%n",
                    attacks.size(), new java.util.TreeSet<>(attacks), hostileRequests.get(),
                    heapPeak.get() / 1_048_576, HEAP_BOUND / 1_048_576,
                    acknowledged.values().stream().mapToInt(AtomicInteger::get).sum(), lost, extra, uncertain.get(),
                    SEED);
            assertThat(lost).as("acknowledged records missing from Kafka").isZero();
            assertThat(extra).as("records in Kafka that no client was told were or may have been written")
                    .isLessThanOrEqualTo(uncertain.get());
        } finally {
            fixture.close();
        }
    }

    @Test
    void joiningThePipelinesOwnConsumerGroupsIsRefusedAndTheirOffsetsStayPut() throws Exception {
        attacks.add("consumer-group");
        for (int i = 0; i < 30; i++) {
            assertThat(fixture.post("/topics/pinpipe.pin", JSON_V2, "{\"records\":[{\"value\":" + i + "}]}")
                    .statusCode()).isEqualTo(200);
            acknowledged("pinpipe.pin", 1);
        }
        Map<TopicPartition, OffsetAndMetadata> lakeOffsets = new HashMap<>();
        for (int partition = 0; partition < 3; partition++) {
            lakeOffsets.put(new TopicPartition("pinpipe.pin", partition), new OffsetAndMetadata(2));
        }
        fixture.admin.alterConsumerGroupOffsets("connect-pinpipe-lake", lakeOffsets).all().get(30, TimeUnit.SECONDS);

        String create = "{\"name\":\"x\",\"format\":\"json\",\"auto.offset.reset\":\"latest\"}";
        for (String group : List.of("connect-pinpipe-lake", "connect-other", "spark-kafka-source-1a2b-driver-0")) {
            assertError(hostile(() -> fixture.post("/consumers/" + group, JSON_V2, create)), 403, 40304);
            assertError(hostile(() -> fixture.post("/test/consumers/" + group, JSON_V2, create)), 403, 40304);
            assertError(hostile(() -> fixture.post("/consumers/" + group + "/instances/x/subscription", JSON_V2,
                    "{\"topics\":[\"pinpipe.pin\"]}")), 404, 40403);
            assertThat(hostile(() -> fixture.get("/consumers/" + group + "/instances/x/records", "Accept",
                    "application/vnd.kafka.json.v2+json")).statusCode()).isEqualTo(404);
        }
        assertThat(fixture.admin.listConsumerGroupOffsets("connect-pinpipe-lake").partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS)).as("the lake sink's committed offsets").isEqualTo(lakeOffsets);

        // A permitted group still may not read a topic outside the allow-list, by name or by position.
        assertThat(fixture.post("/consumers/report", JSON_V2, create).statusCode()).isEqualTo(200);
        assertError(hostile(() -> fixture.post("/consumers/report/instances/x/subscription", JSON_V2,
                "{\"topics\":[\"pinpipe.pin\",\"secret\"]}")), 403, 40301);
        assertError(hostile(() -> fixture.post("/consumers/report/instances/x/assignments", JSON_V2,
                "{\"partitions\":[{\"topic\":\"secret\",\"partition\":0}]}")), 403, 40301);
        assertError(hostile(() -> fixture.post("/consumers/report/instances/x/positions", JSON_V2,
                "{\"offsets\":[{\"topic\":\"secret\",\"partition\":0,\"offset\":0}]}")), 403, 40301);
        assertThat(fixture.send(HttpRequest.newBuilder(fixture.uri("/consumers/report/instances/x")).DELETE())
                .statusCode()).isEqualTo(204);
        assertNormalClientServed();
    }

    @Test
    void amplificationBodiesManyAtOnceAreRefusedWithinTheMemoryBudget() throws Exception {
        attacks.add("amplification");
        byte[] v2 = repeated("{\"records\":[", "{\"value\":{}},", "{\"value\":{}}]}", 10_000_000);
        byte[] v3 = repeated("", "{\"value\":{\"type\":\"JSON\",\"data\":{}}}", "", 10_000_000);
        byte[] streams = repeated("{\"Records\":[", "{\"Data\":{},\"PartitionKey\":\"k\"},",
                "{\"Data\":{},\"PartitionKey\":\"k\"}]}", 8_000_000);
        byte[] consumer = repeated("{\"partitions\":[", "{\"topic\":\"a\",\"partition\":0},",
                "{\"topic\":\"a\",\"partition\":0}]}", 1_500_000);
        String cluster = clusterId();
        createStream("streaming-amp");
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        List<Integer> statuses;
        try (HeapWatch heap = new HeapWatch()) {
            for (int i = 0; i < 8; i++) {
                answers.add(sendAsync("POST", "/topics/amp.pin", JSON_V2, v2));
            }
            for (int i = 0; i < 4; i++) {
                answers.add(sendAsync("POST", "/v3/clusters/" + cluster + "/topics/amp.pin/records",
                        "application/json", v3));
                answers.add(sendAsync("PUT", "/streams/streaming-amp/records", "application/json", streams));
            }
            answers.add(sendAsync("POST", "/consumers/report/instances/none/assignments", JSON_V2, consumer));
            statuses = answers.stream().map(CompletableFuture::join).toList();
            heap.close();
            record(heap);
            assertThat(heap.peakAboveBaseline()).as("live heap added by the attack").isLessThan(HEAP_BOUND);
        }
        // 408: the body took longer than the read timeout to arrive (10 MB bodies compete for two shared cores);
        // -1: the gateway closed the connection while the client was still sending a refused body.
        assertThat(statuses).as("every amplification body refused").allMatch(status -> Set.of(408, 413, 429, 503, -1)
                .contains(status)).anyMatch(status -> status == 413);
        assertNormalClientServed();

        // Within the caps, a burst of full requests: each is written whole or refused whole, never in part.
        String tenThousand = "{\"records\":[" + "{\"value\":{\"i\":1}},".repeat(9_999) + "{\"value\":{\"i\":1}}]}";
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        try (HeapWatch heap = new HeapWatch()) {
            for (int i = 0; i < 24; i++) {
                burst.add(fixture.http.sendAsync(HttpRequest.newBuilder(fixture.uri("/topics/amp.pin"))
                        .header("Content-Type", JSON_V2).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(tenThousand)).build(),
                        HttpResponse.BodyHandlers.ofString()));
                hostileRequests.incrementAndGet();
            }
            for (CompletableFuture<HttpResponse<String>> answer : burst) {
                HttpResponse<String> response = answer.join();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
                acknowledged("amp.pin", acknowledgedV2(response.body()));
                if (response.statusCode() == 200) {
                    assertThat(acknowledgedV2(response.body())).isEqualTo(10_000);
                }
            }
            heap.close();
            record(heap);
            assertThat(heap.peakAboveBaseline()).isLessThan(HEAP_BOUND);
        }
        String oneTooMany = "{\"records\":[" + "{\"value\":1},".repeat(10_000) + "{\"value\":1}]}";
        assertError(hostile(() -> fixture.post("/topics/amp.pin", JSON_V2, oneTooMany)), 413, 41301);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fixture.gateway.context().memory().used() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fixture.gateway.context().memory().used()).as("every reservation released").isZero();
        assertThat(fixture.get("/metrics").body()).contains("pinpipe_gateway_inflight_bytes 0.0");
        assertNormalClientServed();
    }

    @Test
    void slowBodiesAndIdleConnectionsAreCutOff() throws Exception {
        attacks.add("slow-body");
        hostileRequests.incrementAndGet();
        try (Socket slow = new Socket("127.0.0.1", fixture.gateway.port())) {
            slow.setSoTimeout(15_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /topics/amp.pin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + JSON_V2
                    + "\r\nContent-Length: 400\r\n\r\n{\"records\":[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // the gateway closed the connection: what this attack expects
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            String answer = readUntilClosed(slow.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408").contains("40801");
            trickle.interrupt();
        }
        attacks.add("idle-connection");
        hostileRequests.incrementAndGet();
        try (Socket idle = new Socket("127.0.0.1", fixture.gateway.port())) {
            idle.setSoTimeout((IDLE_TIMEOUT_S + 10) * 1_000);
            assertThat(idle.getInputStream().read()).as("closed by the idle timeout").isEqualTo(-1);
        }
        assertNormalClientServed();
    }

    @Test
    void aConnectionFloodIsCappedAndANormalClientIsServedAfterwards() throws Exception {
        attacks.add("connection-flood");
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                flood.add(new Socket("127.0.0.1", fixture.gateway.port()));
                hostileRequests.incrementAndGet();
            }
            // The gateway accepts and closes the surplus as fast as two busy cores allow: look again until it has.
            List<Socket> open = flood;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            do {
                Thread.sleep(250);
                open = open.stream().filter(HostileClientsIT::stillOpen).toList();
            } while (open.size() > MAX_CONNECTIONS && System.nanoTime() < deadline);
            assertThat(open.size()).as("connections the gateway kept").isLessThanOrEqualTo(MAX_CONNECTIONS);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                assertNormalClientServed();
                return;
            } catch (RuntimeException | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void randomMutationsOfValidRequestsAreClientErrorsOrWrittenWhole() throws Exception {
        attacks.add("fuzz");
        String cluster = clusterId();
        createStream("streaming-fuzz");
        assertThat(fixture.post("/consumers/fuzz", JSON_V2, "{\"name\":\"f\",\"format\":\"json\"}").statusCode())
                .isEqualTo(200);
        Random random = new Random(SEED);
        RequestMutator mutator = new RequestMutator(random);
        List<Target> targets = List.of(
                new Target("POST", "/topics/fuzz.pin", JSON_V2, "{\"records\":[{\"key\":\"k\",\"value\":{\"a\":1.10}},"
                        + "{\"value\":[1,\"x\",null]},{\"partition\":1,\"value\":\"v\"}]}", Kind.V2),
                new Target("POST", "/topics/fuzz.pin/partitions/2", "application/vnd.kafka.binary.v2+json",
                        "{\"records\":[{\"key\":\"aGk=\",\"value\":\"aGVsbG8=\"}]}", Kind.V2),
                new Target("POST", "/v3/clusters/" + cluster + "/topics/fuzz.pin/records", "application/json",
                        "{\"partition_id\":0,\"key\":{\"type\":\"STRING\",\"data\":\"k\"},\"value\":{\"type\":\"JSON\","
                                + "\"data\":{\"a\":[1,2]}},\"headers\":[{\"name\":\"h\",\"value\":\"aGk=\"}]}"
                                + "{\"value\":{\"type\":\"BINARY\",\"data\":\"aGk=\"}}", Kind.V3),
                new Target("PUT", "/streams/streaming-fuzz/record", "application/json",
                        "{\"StreamName\":\"streaming-fuzz\",\"Data\":{\"index\":1},\"PartitionKey\":\"p\"}",
                        Kind.STREAM_RECORD),
                new Target("PUT", "/streams/streaming-fuzz/records", "application/json",
                        "{\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"a\"},{\"Data\":{\"x\":1},"
                                + "\"PartitionKey\":\"b\"}]}", Kind.STREAM_RECORDS),
                new Target("POST", "/consumers/fuzz/instances/f/subscription", JSON_V2,
                        "{\"topics\":[\"fuzz.pin\"]}", Kind.CONSUMER),
                new Target("POST", "/consumers/fuzz/instances/f/positions", JSON_V2,
                        "{\"offsets\":[{\"topic\":\"fuzz.pin\",\"partition\":0,\"offset\":0}]}", Kind.CONSUMER),
                new Target("POST", "/consumers/fuzz/instances/f/offsets", JSON_V2,
                        "{\"offsets\":[{\"topic\":\"fuzz.pin\",\"partition\":0,\"offset\":0}]}", Kind.CONSUMER),
                new Target("POST", "/consumers/fuzz/instances/f/assignments", JSON_V2,
                        "{\"partitions\":[{\"topic\":\"fuzz.pin\",\"partition\":1}]}", Kind.CONSUMER));
        int requests = 1_200;
        for (int i = 0; i < requests; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            byte[] body = mutator.mutate(target.body());
            String contentType = random.nextInt(20) == 0 ? "text/plain" : target.contentType();
            HttpResponse<String> response = hostile(() -> fixture.send(HttpRequest.newBuilder(
                    fixture.uri(target.path())).header("Content-Type", contentType)
                    .method(target.method(), HttpRequest.BodyPublishers.ofByteArray(body))));
            String replay = "seed " + SEED + ", request " + i + ": " + target.method() + " " + target.path() + " "
                    + contentType + " " + new String(body, StandardCharsets.UTF_8) + " -> " + response.statusCode()
                    + " " + response.body();
            assertThat(response.statusCode()).as(replay).isLessThan(500);
            String topic = target.kind() == Kind.STREAM_RECORD || target.kind() == Kind.STREAM_RECORDS
                    ? "streaming-fuzz" : "fuzz.pin";
            acknowledged(topic, target.kind().acknowledged(response));
        }
        assertNormalClientServed();
    }

    private enum Kind {
        V2, V3, STREAM_RECORD, STREAM_RECORDS, CONSUMER;

        int acknowledged(HttpResponse<String> response) {
            return switch (this) {
                case V2 -> acknowledgedV2(response.body());
                case V3 -> (int) response.body().lines().filter(line -> json(line).path("error_code").asInt() == 200)
                        .count();
                case STREAM_RECORD -> response.statusCode() == 200 ? 1 : 0;
                case STREAM_RECORDS -> {
                    int stored = 0;
                    for (JsonNode record : json(response.body()).path("Records")) {
                        stored += record.hasNonNull("SequenceNumber") ? 1 : 0;
                    }
                    yield stored;
                }
                case CONSUMER -> 0;
            };
        }
    }

    private record Target(String method, String path, String contentType, String body, Kind kind) {
    }

    /** One record to a plain topic, answered 200 with its offset: the gateway still serves normal clients. */
    private static void assertNormalClientServed() {
        HttpResponse<String> response = fixture.post("/test/topics/normal.pin", JSON_V2,
                "{\"records\":[{\"value\":{\"normal\":true}}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response.body()).path("offsets").path(0).path("offset").isIntegralNumber()).isTrue();
        acknowledged("normal.pin", 1);
    }

    /** Records of a v2 answer with an offset; those answered retriable (code 2) are counted as uncertain. */
    private static int acknowledgedV2(String body) {
        int written = 0;
        for (JsonNode entry : json(body).path("offsets")) {
            written += entry.path("offset").isIntegralNumber() ? 1 : 0;
            uncertain.addAndGet(entry.path("error_code").asInt() == 2 ? 1 : 0);
        }
        return written;
    }

    private static void acknowledged(String topic, int records) {
        acknowledged.computeIfAbsent(topic, name -> new AtomicInteger()).addAndGet(records);
    }

    private static void record(HeapWatch heap) {
        heapPeak.accumulateAndGet(heap.peakAboveBaseline(), Math::max);
    }

    private static HttpResponse<String> hostile(java.util.function.Supplier<HttpResponse<String>> request) {
        hostileRequests.incrementAndGet();
        return request.get();
    }

    /** The status, or -1 when the gateway closed the connection before the client finished sending. */
    private static CompletableFuture<Integer> sendAsync(String method, String path, String contentType, byte[] body) {
        hostileRequests.incrementAndGet();
        return fixture.http.sendAsync(HttpRequest.newBuilder(fixture.uri(path)).header("Content-Type", contentType)
                        .timeout(Duration.ofSeconds(120)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode).exceptionally(error -> -1);
    }

    private static byte[] repeated(String head, String item, String tail, int size) {
        int count = (size - head.length() - tail.length()) / item.length();
        return (head + item.repeat(count) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static String clusterId() {
        return json(fixture.get("/v3/clusters").body()).path("data").path(0).path("cluster_id").asText();
    }

    private static void createStream(String name) {
        HttpResponse<String> response = fixture.post("/streams/" + name, "application/json", "{\"ShardCount\":2}");
        assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
    }

    private static boolean stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(5);
            return socket.getInputStream().read() != -1;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) != -1) {
            text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return MAPPER.createObjectNode();
        }
    }
}
