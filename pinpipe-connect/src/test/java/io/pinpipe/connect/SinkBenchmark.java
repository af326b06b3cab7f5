package io.pinpipe.connect;

import io.pinpipe.broker.LocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.sink.SinkRecord;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The lake sink against Kafka's raw consumer, in one run on one machine: a topic of N ~500-byte JSON records, read
 * by a plain consumer (the baseline) and by the same consumer loop feeding {@link LakeSinkTask} (records to durable
 * files, offsets committable), into a local folder and into S3Proxy, for flush.size 1, 1,000 and 10,000. Run by
 * {@code benchmarks/sink.sh}; prints a Markdown table.
 */
public final class SinkBenchmark {

    private static final String TOPIC = "bench.pin";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean quick = args.length > 1 && args[1].equals("quick");
        int flushOneCap = Math.min(records, 20_000);
        int s3Cap = Math.min(records, 200_000);
        Path dir = Files.createTempDirectory("pinpipe-sink-bench");
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench-secret");
        try (LocalKafka kafka = LocalKafka.inFolder(dir.resolve("broker")).start()) {
            produce(kafka.bootstrapServers(), records);
            BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("i", "c")
                    .build(BlobStoreContext.class);
            S3Proxy s3 = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(20);
            }
            String endpoint = "http://127.0.0.1:" + s3.getPort();
            List<String> rows = new ArrayList<>();
            rawConsumer(kafka.bootstrapServers(), records);
            double raw = rawConsumer(kafka.bootstrapServers(), records);
            rows.add(row("raw consumer (baseline)", "-", records, raw, raw));
            int run = 0;
            // Warm the sink's code path as the baseline's was warmed (its first pass is discarded too).
            sink(kafka.bootstrapServers(), Math.min(records, 200_000), 1_000,
                    Map.of("local.dir", dir.resolve("warm-up").toString()));
            if (quick) {
                // The target's row only, three times, each against a fresh baseline pass, and the same sink with its
                // work kept on the task thread (store.threads=0, check.in.parallel=false) as the before/after check.
                for (int i = 0; i < 3; i++) {
                    long cpu = processCpuNanos();
                    double baseline = rawConsumer(kafka.bootstrapServers(), records);
                    long rawCpu = processCpuNanos() - cpu;
                    rows.add(row("raw consumer (baseline)", "-", records, baseline, baseline));
                    cpu = processCpuNanos();
                    rows.add(row("local folder", "10000", records, sink(kafka.bootstrapServers(), records, 10_000,
                            Map.of("local.dir", dir.resolve("lake-" + run++).toString())), baseline));
                    long sinkCpu = processCpuNanos() - cpu;
                    cpu = processCpuNanos();
                    rows.add(row("local folder, all on the task thread", "10000", records,
                            sink(kafka.bootstrapServers(), records, 10_000, Map.of("local.dir",
                                    dir.resolve("lake-" + run++).toString(), "store.threads", "0",
                                    "check.in.parallel", "false")), baseline));
                    System.err.printf("process CPU: raw consumer %.2f s, sink %.2f s, sink on the task thread %.2f s%n",
                            rawCpu / 1e9, sinkCpu / 1e9, (processCpuNanos() - cpu) / 1e9);
                }
                s3.stop();
                blobs.close();
                print(rows);
                return;
            }
            for (int flushSize : new int[] {10_000, 1_000, 1}) {
                int limit = flushSize == 1 ? flushOneCap : records;
                Map<String, String> local = Map.of("local.dir", dir.resolve("lake-" + run++).toString());
                rows.add(row("local folder", Integer.toString(flushSize), limit,
                        sink(kafka.bootstrapServers(), limit, flushSize, local), raw));
            }
            for (int flushSize : new int[] {10_000, 1_000, 1}) {
                int limit = flushSize == 1 ? flushOneCap : s3Cap;
                String bucket = "bench-" + run++;
                try (var client = io.pinpipe.connect.store.S3Store.client("us-east-1", endpoint, true)) {
                    client.createBucket(request -> request.bucket(bucket));
                }
                Map<String, String> s3Props = Map.of("store", "s3", "s3.bucket.name", bucket, "store.url", endpoint);
                rows.add(row("S3Proxy (in-memory)", Integer.toString(flushSize), limit,
                        sink(kafka.bootstrapServers(), limit, flushSize, s3Props), raw));
            }
            s3.stop();
            blobs.close();
            print(rows);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void print(List<String> rows) {
        System.out.println("| target | flush.size | records | records/s | vs raw consumer |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String row(String target, String flushSize, int records, double rate, double raw) {
        return String.format("| %s | %s | %,d | %,.0f | %.0f%% |", target, flushSize, records, rate, 100 * rate / raw);
    }

    private static void produce(String servers, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        String padding = "x".repeat(380);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                String value = "{\"index\":" + i + ",\"unique_id\":\"" + java.util.UUID.nameUUIDFromBytes(
                        Integer.toString(i).getBytes(StandardCharsets.UTF_8)) + "\",\"follower_count\":\"12k\","
                        + "\"description\":\"" + padding + "\"}";
                producer.send(new ProducerRecord<>(TOPIC, 0, null, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String servers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
        return consumer;
    }

    /** Records/s of a consumer that reads {@code records} values and touches each one. */
    private static double rawConsumer(String servers, int records) {
        long bytes = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(servers)) {
            int read = 0;
            while (read < records) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    bytes += record.value().length;
                    read++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bytes == 0) {
            throw new IllegalStateException("nothing read");
        }
        return records / seconds;
    }

    /** Records/s of the same consumer loop feeding the sink task, until every record is in a stored file. */
    private static double sink(String servers, int limit, int flushSize, Map<String, String> storeProps) {
        Map<String, String> props = new HashMap<>(storeProps);
        props.put("flush.size", Integer.toString(flushSize));
        LakeSinkTask task = new LakeSinkTask();
        task.initialize(new TestContext(false));
        long start = System.nanoTime();
        task.start(props);
        task.open(List.of(PARTITION));
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(servers)) {
            int read = 0;
            while (read < limit) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
                List<SinkRecord> batch = new ArrayList<>(polled.count());
                for (ConsumerRecord<byte[], byte[]> record : polled) {
                    if (read++ >= limit) {
                        break;
                    }
                    batch.add(new SinkRecord(record.topic(), record.partition(), null, null, null, record.value(),
                            record.offset(), record.timestamp(), record.timestampType()));
                }
                task.put(batch);
            }
        }
        OffsetAndMetadata committed = task.preCommit(Map.of()).get(PARTITION);
        double seconds = (System.nanoTime() - start) / 1e9;
        task.stop();
        if (committed == null || committed.offset() != limit) {
            throw new IllegalStateException("sink committed " + committed + ", expected " + limit);
        }
        return limit / seconds;
    }
}
