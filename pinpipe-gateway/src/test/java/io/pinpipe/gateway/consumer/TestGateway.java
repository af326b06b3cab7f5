package io.pinpipe.gateway.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.pinpipe.broker.LocalKafka;
import io.pinpipe.gateway.GatewayServer;
import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.front.MemoryBudget;
import io.pinpipe.gateway.http.RouteModule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real gateway ({@link GatewayServer}: stage prefix {@code /test}, front checks, the one failure handler) with
 * only the route modules under test mounted, on a free loopback port, against one embedded Kafka broker shared by
 * every test in the JVM. The rate limit is off so that throughput benchmarks measure the module.
 */
public final class TestGateway implements AutoCloseable {

    private static LocalKafka kafka;

    private final GatewayServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(Map<String, String> settings, List<RouteModule> modules) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("bootstrap.servers", bootstrapServers());
        config.put("listeners", "http://127.0.0.1:0");
        config.putIfAbsent("pinpipe.rate.limit.per.second", "0");
        server = GatewayServer.start(GatewayConfig.of(config), modules);
    }

    public static TestGateway start(RouteModule... modules) {
        return start(Map.of(), modules);
    }

    /** A gateway with these settings besides the broker and a loopback listener on port 0. */
    public static TestGateway start(Map<String, String> settings, RouteModule... modules) {
        return new TestGateway(settings, List.of(modules));
    }

    /** The broker every test of this JVM shares; started on first use, stopped when the JVM exits. */
    public static synchronized String bootstrapServers() {
        if (kafka == null) {
            try {
                Path dir = Files.createTempDirectory("pinpipe-gateway-it-");
                kafka = LocalKafka.inFolder(dir).start();
                LocalKafka started = kafka;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    deleteTree(dir);
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return kafka.bootstrapServers();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public MeterRegistry metrics() {
        return server.context().metrics();
    }

    /** The gateway's budget for requests in flight. */
    public MemoryBudget memory() {
        return server.context().memory();
    }

    public Admin admin() {
        return server.context().admin();
    }

    public Producer<byte[], byte[]> producer() {
        return server.context().producer();
    }

    public void createTopic(String topic, int partitions) {
        createTopic(new NewTopic(topic, partitions, (short) 1));
    }

    /** Creates the topic and waits until the broker's metadata (not only the controller) knows it. */
    public void createTopic(NewTopic topic) {
        try {
            admin().createTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!admin().listTopics().names().get(10, TimeUnit.SECONDS).contains(topic.name())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic.name() + " never became visible");
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic.name(), e);
        }
    }

    public void produce(String topic, int partition, byte[] key, byte[] value) {
        try {
            producer().send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    /** Reads the first {@code count} records of {@code topic} (all partitions) with a plain consumer. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body == null ? Map.of() : Map.of("Content-Type", "application/vnd.kafka.v2+json"),
                body);
    }

    @Override
    public void close() {
        server.close();
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
