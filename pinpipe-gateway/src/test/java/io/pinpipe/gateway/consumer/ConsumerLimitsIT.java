package io.pinpipe.gateway.consumer;

import io.pinpipe.common.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Expiry, the instance bound and the memory reads reserve, each with its own gateway and settings. */
class ConsumerLimitsIT {

    @Test
    void anIdleInstanceExpiresAndIsForgotten() throws InterruptedException {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults().withInstanceTimeoutMs(400));
        try (TestGateway gateway = TestGateway.start(routes); routes) {
            assertThat(gateway.send("POST", "/consumers/idle", "{\"name\":\"sleepy\"}").statusCode()).isEqualTo(200);
            assertThat(gateway.send("GET", "/consumers/idle/instances/sleepy/subscription", null).statusCode())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (routes.instanceCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            HttpResponse<String> gone = gateway.send("GET", "/consumers/idle/instances/sleepy/subscription", null);
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(gone.body()).getInteger("error_code")).isEqualTo(40403);
        }
    }

    @Test
    void closingTheRoutesClosesEveryInstanceSoItsGroupIsLeftAtOnce() throws Exception {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults());
        try (TestGateway gateway = TestGateway.start(routes)) {
            String topic = "closing-" + UUID.randomUUID().toString().substring(0, 8);
            gateway.createTopic(topic, 1);
            String group = "closing-group-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(gateway.send("POST", "/consumers/" + group, "{\"name\":\"m\"}").statusCode()).isEqualTo(200);
            String base = "/consumers/" + group + "/instances/m";
            gateway.send("POST", base + "/subscription", "{\"topics\":[\"" + topic + "\"]}");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (members(gateway, group) == 0 && System.nanoTime() < deadline) {
                gateway.send("GET", base + "/records?timeout=200", null);
            }
            assertThat(members(gateway, group)).isEqualTo(1);

            routes.close();

            assertThat(routes.instanceCount()).isZero();
            assertThat(members(gateway, group)).isZero();
            assertThat(gateway.send("GET", base + "/subscription", null).statusCode()).isEqualTo(404);
        }
    }

    private static int members(TestGateway gateway, String group) throws Exception {
        try {
            return gateway.admin().describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                    .members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    @Test
    void creatingMoreInstancesThanAllowedAnswers503() {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults().withMaxInstances(2));
        try (TestGateway gateway = TestGateway.start(routes); routes) {
            assertThat(gateway.send("POST", "/consumers/full", "{\"name\":\"a\"}").statusCode()).isEqualTo(200);
            assertThat(gateway.send("POST", "/consumers/full", "{\"name\":\"b\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> third = gateway.send("POST", "/consumers/full", "{\"name\":\"c\"}");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(third.body()).getString("message")).contains("consumer.max.instances");
            assertThat(gateway.send("DELETE", "/consumers/full/instances/a", null).statusCode()).isEqualTo(204);
            assertThat(gateway.send("POST", "/consumers/full", "{\"name\":\"c\"}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readsReserveTheirAnswersInTheMemoryBudgetAndShrinkToFitIt() throws Exception {
        long budget = 1_048_576;
        ExecutorService clients = Executors.newFixedThreadPool(8);
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults());
        try (TestGateway gateway = TestGateway.start(Map.of("pinpipe.inflight.max.bytes", Long.toString(budget)),
                routes); routes) {
            readWithinBudget(gateway, budget, clients);
        } finally {
            clients.shutdownNow();
        }
    }

    private static void readWithinBudget(TestGateway gateway, long budget, ExecutorService clients) throws Exception {
        long readLimit = ReadMemory.limitWithin(EmbeddedFormat.BINARY, budget);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String full = "reads-" + suffix;
        String empty = "reads-empty-" + suffix;
        gateway.createTopic(full, 1);
        gateway.createTopic(empty, 1);
        int records = 40;
        byte[] value = new byte[100 * 1024];
        new Random(13).nextBytes(value);
        for (int i = 0; i < records; i++) {
            gateway.produce(full, 0, null, value);
        }
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            readers.add(assigned(gateway, "reads-group-" + i + "-" + suffix, full));
        }

        // A long poll on an empty topic holds the whole budget (its 64 MiB limit clamped to it) while it waits.
        String waiting = assigned(gateway, "reads-waiting-" + suffix, empty);
        CompletableFuture<HttpResponse<String>> longPoll = CompletableFuture.supplyAsync(
                () -> readRecords(gateway, waiting, "?timeout=4000"), clients);
        assertThat(Await.until(Duration.ofSeconds(10), () -> gateway.memory().used() == budget)).isTrue();
        HttpResponse<String> refused = readRecords(gateway, readers.get(0), "");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(refused.body()).getInteger("error_code")).isEqualTo(50304);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(longPoll.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        // Many at once: each answers within the budget or is refused for now, never anything else.
        List<CompletableFuture<HttpResponse<String>>> burst = readers.stream().map(reader ->
                CompletableFuture.supplyAsync(() -> readRecords(gateway, reader, "?timeout=2000"), clients))
                .toList();
        for (CompletableFuture<HttpResponse<String>> answer : burst) {
            HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 503) {
                assertThat(new JsonObject(response.body()).getInteger("error_code")).isEqualTo(50304);
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(recordBytes(response)).isLessThanOrEqualTo(readLimit);
                assertThat((long) response.body().length()).isLessThanOrEqualTo(budget);
            }
        }
        assertThat(Await.until(Duration.ofSeconds(10), () -> gateway.memory().used() == 0))
                .as("the budget is released once the answers are sent").isTrue();

        // One client reading in turn gets every record, in answers the budget allows.
        int read = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (read < records && System.nanoTime() < deadline) {
            HttpResponse<String> response = readRecords(gateway, readers.get(7), "?timeout=500");
            if (response.statusCode() == 200) {
                assertThat(recordBytes(response)).isLessThanOrEqualTo(readLimit);
                read = (int) new JsonArray(response.body()).stream()
                        .mapToLong(record -> ((JsonObject) record).getLong("offset") + 1).max().orElse(read);
            }
        }
        assertThat(read).isEqualTo(records);
        assertThat(Await.until(Duration.ofSeconds(10), () -> gateway.memory().used() == 0)).isTrue();
    }

    /** A binary consumer instance in its own group, assigned partition 0 of {@code topic} from its start. */
    private static String assigned(TestGateway gateway, String group, String topic) {
        assertThat(gateway.send("POST", "/consumers/" + group,
                "{\"name\":\"r\",\"format\":\"binary\",\"auto.offset.reset\":\"earliest\"}").statusCode())
                .isEqualTo(200);
        String instance = "/consumers/" + group + "/instances/r";
        assertThat(gateway.send("POST", instance + "/assignments",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").statusCode()).isEqualTo(204);
        return instance;
    }

    private static HttpResponse<String> readRecords(TestGateway gateway, String instance, String query) {
        return gateway.send("GET", instance + "/records" + query,
                Map.of("Accept", EmbeddedFormat.BINARY.mediaType()), null);
    }

    /** The key and value bytes of a binary records answer, as a read's limit counts them. */
    private static long recordBytes(HttpResponse<String> response) {
        return new JsonArray(response.body()).stream().map(JsonObject.class::cast)
                .mapToLong(record -> Base64.getDecoder().decode(record.getString("value")).length).sum();
    }
}
