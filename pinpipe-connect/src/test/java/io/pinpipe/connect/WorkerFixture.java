package io.pinpipe.connect;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.connect.worker.WorkerProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/** The real parts of the integration tests: a broker, clients, and Connect workers started as child JVMs. */
final class WorkerFixture implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    final LocalKafka kafka;
    final Path dir;
    private final KafkaProducer<byte[], byte[]> producer;

    WorkerFixture(Path dir) {
        this.dir = dir;
        this.kafka = LocalKafka.inFolder(dir.resolve("broker")).start();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    void send(String topic, Integer partition, byte[] value) {
        producer.send(new ProducerRecord<>(topic, partition, null, value));
    }

    void flush() {
        producer.flush();
    }

    /** Every value in a partition, in offset order, as UTF-8 text (null for tombstones). */
    List<String> values(String topic, int partition) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    /** Records of a topic with their headers, for dead-letter checks. */
    List<ConsumerRecord<byte[], byte[]>> records(String topic, int expected, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }

    /** A worker child JVM with the packaged plugin and the module's test class path. */
    WorkerProcess startWorker(String name, Map<String, String> connector, Map<String, String> environment)
            throws IOException {
        Map<String, String> worker = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "offset.flush.interval.ms", "500",
                "consumer.max.poll.records", "500");
        Map<String, String> props = new HashMap<>(connector);
        props.put("name", name);
        props.putIfAbsent("connector.class", LakeSinkConnector.class.getName());
        props.putIfAbsent("tasks.max", "1");
        return WorkerProcess.start(workerClassPath(), pluginPath(), dir.resolve("worker-" + name), worker, props,
                environment, START_TIMEOUT);
    }

    static Path pluginPath() {
        Path plugin = Path.of("target", "plugin");
        if (!Files.isDirectory(plugin.resolve("pinpipe-connect"))) {
            throw new IllegalStateException("no packaged plugin in " + plugin.toAbsolutePath() + "; run mvn verify");
        }
        return plugin;
    }

    static String workerClassPath() throws IOException {
        return Files.readString(Path.of("target", "worker-classpath.txt")).trim();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        producer.close();
        kafka.stop();
    }
}
