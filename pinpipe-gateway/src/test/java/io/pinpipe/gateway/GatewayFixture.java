package io.pinpipe.gateway;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.gateway.config.GatewayConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real broker (in this JVM) and a real gateway on port 0, with plain java.net.http calls: what every gateway IT
 * starts from.
 */
final class GatewayFixture implements AutoCloseable {

    final Path dir;
    final LocalKafka kafka;
    final Admin admin;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    GatewayServer gateway;

    final Map<String, Object> clientSecurity;

    /**
     * @param brokerOverrides broker settings (e.g. a SASL_SSL listener)
     * @param clientSecurity  settings every test-side Kafka client needs to reach that broker
     */
    GatewayFixture(Map<String, String> brokerOverrides, Map<String, Object> clientSecurity) {
        this.clientSecurity = Map.copyOf(clientSecurity);
        try {
            dir = Files.createTempDirectory("pinpipe-gateway-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = LocalKafka.inFolder(dir.resolve("kafka"), 0, brokerOverrides).start();
        Map<String, Object> adminConfig = new HashMap<>(clientSecurity);
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin = Admin.create(adminConfig);
    }

    GatewayFixture() {
        this(Map.of(), Map.of());
    }

    /** Starts the gateway (closing one started before) with test defaults plus {@code settings}. */
    GatewayServer startGateway(Map<String, String> settings) {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        Map<String, String> all = new HashMap<>();
        all.put("listeners", "http://127.0.0.1:0");
        all.put("bootstrap.servers", kafka.bootstrapServers());
        all.put("pinpipe.topic.cache.refresh.ms", "500");
        all.putAll(settings);
        gateway = GatewayServer.start(GatewayConfig.of(all));
        return gateway;
    }

    void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType), headers);
    }

    HttpResponse<String> postBytes(String path, String contentType, byte[] body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType), headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(builder.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(gateway.baseUri() + path);
    }

    /** Every record of the topic, read from the beginning until {@code expected} are there or 30 s passed. */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Map<String, Object> config = new HashMap<>(clientSecurity);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // one more short poll: more records than expected must show up as a failure, not be missed
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }

    static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        admin.close();
        kafka.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
