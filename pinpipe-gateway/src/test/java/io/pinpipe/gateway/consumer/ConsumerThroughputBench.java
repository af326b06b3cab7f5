package io.pinpipe.gateway.consumer;

import io.vertx.core.json.JsonArray;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (its name matches neither *Test nor *IT): records per second read through
 * {@code GET /consumers/.../records} (binary and json formats) against the baseline of a plain Kafka consumer reading
 * the same topic, in the same JVM and run. Run with {@code mvn -B -q -pl pinpipe-gateway -am install -DskipTests &&
 * mvn -B -pl pinpipe-gateway verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=ConsumerThroughputBench}; results go to stdout and {@code pinpipe-gateway/target/benchmarks/consumer.txt}.
 */
class ConsumerThroughputBench {

    private static final int RECORDS = 20_000;

    @Test
    void recordsReadThroughputAgainstAPlainConsumer() throws Exception {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults());
        try (TestGateway gateway = TestGateway.start(routes); routes) {
            String topic = "bench-read-" + UUID.randomUUID().toString().substring(0, 8);
            gateway.createTopic(topic, 1);
            byte[] value = ("{\"index\":1,\"title\":\"" + "t".repeat(400) + "\"}").getBytes(StandardCharsets.UTF_8);
            Future<?> last = null;
            for (int i = 0; i < RECORDS; i++) {
                last = gateway.producer().send(new ProducerRecord<>(topic, null, value));
            }
            last.get(60, TimeUnit.SECONDS);

            baseline(topic);
            double baseline = baseline(topic);
            viaGateway(gateway, topic, "binary");
            double binary = viaGateway(gateway, topic, "binary");
            double json = viaGateway(gateway, topic, "json");

            String report = String.format("""
                    consumer API read throughput (%d cores, %d records of %d bytes, 1 partition, fetch.min.bytes=100000)
                    baseline  plain KafkaConsumer            %,10.0f records/s
                    gateway   GET .../records, binary        %,10.0f records/s  ratio %.2f
                    gateway   GET .../records, json          %,10.0f records/s  ratio %.2f
                    """, Runtime.getRuntime().availableProcessors(), RECORDS, value.length, baseline, binary,
                    binary / baseline, json, json / baseline);
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "consumer.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private static double baseline(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestGateway.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long start = System.nanoTime();
            int read = 0;
            while (read < RECORDS) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / seconds(start);
        }
    }

    private static double viaGateway(TestGateway gateway, String topic, String format) {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(gateway.send("POST", "/consumers/bench", "{\"name\":\"" + name + "\",\"format\":\"" + format
                + "\",\"fetch.min.bytes\":100000}").statusCode()).isEqualTo(200);
        String base = "/consumers/bench/instances/" + name;
        gateway.send("POST", base + "/assignments", "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        gateway.send("POST", base + "/positions/beginning",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        String accept = "application/vnd.kafka." + format + ".v2+json";
        long start = System.nanoTime();
        int read = 0;
        while (read < RECORDS) {
            HttpResponse<String> response = gateway.send("GET", base + "/records", Map.of("Accept", accept), null);
            assertThat(response.statusCode()).isEqualTo(200);
            read += new JsonArray(response.body()).size();
        }
        double rate = read / seconds(start);
        gateway.send("DELETE", base, null);
        return rate;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
