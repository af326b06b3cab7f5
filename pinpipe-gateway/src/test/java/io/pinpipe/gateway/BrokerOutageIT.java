package io.pinpipe.gateway;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.pinpipe.gateway.GatewayFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker stops while clients keep producing and starts again: the gateway answers 503 with Retry-After during
 * the outage, recovers by itself, and every record it acknowledged is in the topic afterwards.
 */
class BrokerOutageIT {

    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";

    @Test
    void brokerOutageGives503sThenRecoversWithoutLosingAcknowledgedRecords() throws Exception {
        try (GatewayFixture fixture = new GatewayFixture()) {
            fixture.createTopic("outage", 1);
            fixture.startGateway(Map.of("pinpipe.produce.timeout.ms", "6000", "producer.request.timeout.ms", "2000",
                    "producer.delivery.timeout.ms", "5000", "producer.max.block.ms", "2000"));
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong first503AfterStop = new AtomicLong();
            AtomicLong first200AfterStart = new AtomicLong();
            AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong startedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicInteger sequence = new AtomicInteger();
            AtomicBoolean missingRetryAfter = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.execute(() -> {
                    while (running.get()) {
                        int base = sequence.getAndAdd(5);
                        StringBuilder body = new StringBuilder("{\"records\":[");
                        for (int i = 0; i < 5; i++) {
                            body.append(i == 0 ? "" : ",").append("{\"value\":\"r-").append(base + i).append("\"}");
                        }
                        HttpResponse<String> response;
                        try {
                            response = fixture.post("/topics/outage", JSON_V2, body.append("]}").toString());
                        } catch (RuntimeException e) {
                            continue;
                        }
                        long now = System.nanoTime();
                        statuses.computeIfAbsent(response.statusCode(), key -> new AtomicInteger()).incrementAndGet();
                        if (response.statusCode() == 200) {
                            for (int i = 0; i < 5; i++) {
                                acknowledged.add("\"r-" + (base + i) + "\"");
                            }
                            if (now > startedAt.get()) {
                                first200AfterStart.compareAndSet(0, now);
                            }
                        } else if (response.statusCode() == 503) {
                            if (response.headers().firstValue("Retry-After").isEmpty()) {
                                missingRetryAfter.set(true);
                            }
                            if (now > stoppedAt.get()) {
                                first503AfterStop.compareAndSet(0, now);
                            }
                        }
                    }
                });
            }
            Thread.sleep(2_000);
            fixture.kafka.stop();
            stoppedAt.set(System.nanoTime());
            Thread.sleep(6_000);
            fixture.kafka.start();
            startedAt.set(System.nanoTime());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (first200AfterStart.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(statuses).containsKey(503);
            assertThat(missingRetryAfter).isFalse();
            assertThat(first503AfterStop.get()).isPositive();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(first503AfterStop.get() - stoppedAt.get()))
                    .as("first 503 after the broker stopped").isLessThan(8);
            assertThat(first200AfterStart.get()).as("200s again after the broker is back").isPositive();
            assertThat(statuses.keySet()).as("only 200 and 503, never a 500 or a hang").containsOnly(200, 503);

            Set<String> readBack = fixture.readAll("outage", acknowledged.size()).stream()
                    .map(record -> utf8(record.value())).collect(Collectors.toSet());
            assertThat(acknowledged).isNotEmpty();
            assertThat(readBack).as("every acknowledged record is in the topic").containsAll(acknowledged);
            assertThat(readBack.size()).isGreaterThanOrEqualTo(acknowledged.size());
        }
    }
}
