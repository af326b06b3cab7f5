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
        String mode = args.length > 1 ? args[1] : "full";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        if (!List.of("full", "quick", "local", "s3").contains(mode) || rounds < 1) {
            throw new IllegalArgumentException("usage: SinkBenchmark [records] [full|quick|local|s3] [rounds >= 1]");
        }
        int flushOneCap = Math.min(records, 20_000);
        int s3Cap = Math.min(records, 200_000);
        Path dir = Files.createTempDirectory("pinpipe-sink-bench");
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench-secret");
        try (LocalKafka kafka = LocalKafka.inFolder(dir.resolve("broker")).start()) {
            String servers = kafka.bootstrapServers();
            produce(servers, records);
            BlobStoreContext blobs = ContextBuilder.newBuilder("transient").credentials("i", "c")
                    .build(BlobStoreContext.class);
            S3Proxy s3 = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            s3.start();
            while (!"STARTED".equals(s3.getState())) {
                Thread.sleep(20);
            }
            String endpoint = "http://127.0.0.1:" + s3.getPort();
            Lakes lakes = new Lakes(dir, endpoint);
            String loadBefore = loadAverage();
            // Warm-up, discarded: the consumer's and the sink's code paths, both stores.
            rawConsumer(servers, records);
            sink(servers, Math.min(records, 200_000), 1_000, lakes.local());
            sink(servers, Math.min(records, 200_000), 1_000, lakes.s3());
            // Single runs on a shared machine vary by 2x: alternate the baseline with each store, round after round,
            // and compare each store with the baseline of its own round.
            Series raw = new Series("raw consumer (baseline)", "-", records);
            Series local = new Series("local folder", "10000", records);
            Series bucket = new Series("S3Proxy (in-memory)", "10000", s3Cap);
            for (int round = 0; round < rounds; round++) {
                long cpu = processCpuNanos();
                double baseline = raw.add(rawConsumer(servers, records), 0, processCpuNanos() - cpu);
                if (!mode.equals("s3")) {
                    cpu = processCpuNanos();
                    local.add(sink(servers, records, 10_000, lakes.local()), baseline, processCpuNanos() - cpu);
                }
                if (!mode.equals("local")) {
                    cpu = processCpuNanos();
                    bucket.add(sink(servers, s3Cap, 10_000, lakes.s3()), baseline, processCpuNanos() - cpu);
                }
            }
            String loadAfter = loadAverage();
            List<String> rows = new ArrayList<>();
            if (mode.equals("full")) {
                // The smaller files once each: their ratios are far from any target, one pass shows the trend.
                for (int flushSize : new int[] {1_000, 1}) {
                    int limit = flushSize == 1 ? flushOneCap : records;
                    rows.add(row("local folder", Integer.toString(flushSize), limit,
                            sink(servers, limit, flushSize, lakes.local()), raw.best()));
                }
                for (int flushSize : new int[] {1_000, 1}) {
                    int limit = flushSize == 1 ? flushOneCap : s3Cap;
                    rows.add(row("S3Proxy (in-memory)", Integer.toString(flushSize), limit,
                            sink(servers, limit, flushSize, lakes.s3()), raw.best()));
                }
            }
            s3.stop();
            blobs.close();
            System.out.printf("load average (1, 5, 15 min): %s before the rounds, %s after%n", loadBefore,
                    loadAfter);
            System.out.println();
            System.out.printf("%d rounds, each: the raw consumer, then each sink; ratio = the sink's records/s over"
                    + " its round's raw consumer%n", rounds);
            System.out.println();
            System.out.println("| path | flush.size | records | best records/s | spread records/s | best ratio"
                    + " | spread ratio |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (Series series : List.of(raw, local, bucket)) {
                if (!series.rates.isEmpty()) {
                    System.out.println(series.summary());
                }
            }
            if (!rows.isEmpty()) {
                System.out.println();
                System.out.println("Once each, against the best raw consumer round:");
                System.out.println();
                print(rows);
            }
        }
    }

    /** Where each sink run writes: a fresh local folder, or a fresh bucket on the S3Proxy at {@code endpoint}. */
    private static final class Lakes {
        private final Path dir;
        private final String endpoint;
        private int run;

        Lakes(Path dir, String endpoint) {
            this.dir = dir;
            this.endpoint = endpoint;
        }

        Map<String, String> local() {
            return Map.of("local.dir", dir.resolve("lake-" + run++).toString());
        }

        Map<String, String> s3() {
            String bucket = "bench-" + run++;
            try (var client = io.pinpipe.connect.store.S3Store.client("us-east-1", endpoint, true)) {
                client.createBucket(request -> request.bucket(bucket));
            }
            return Map.of("store", "s3", "s3.bucket.name", bucket, "store.url", endpoint);
        }
    }

    /** One path's records/s over the rounds, and its ratio to each round's baseline. */
    private static final class Series {
        private final String path;
        private final String flushSize;
        private final int records;
        private final List<Double> rates = new ArrayList<>();
        private final List<Double> ratios = new ArrayList<>();

        Series(String path, String flushSize, int records) {
            this.path = path;
            this.flushSize = flushSize;
            this.records = records;
        }

        /**
         * Records a run; {@code baseline} 0 for the baseline itself. {@code cpuNanos}, the process's CPU time during
         * the run (S3Proxy and the broker included), is printed per 100,000 records: on a machine whose cores are
         * all busy, throughput follows it more than anything else. Returns {@code rate}.
         */
        double add(double rate, double baseline, long cpuNanos) {
            rates.add(rate);
            ratios.add(baseline == 0 ? 1 : rate / baseline);
            System.err.printf("%s: %,.0f records/s (%.2f of its round's raw consumer), %.2f CPU s per 100k records%n",
                    path, rate, ratios.get(ratios.size() - 1), cpuNanos / 1e9 * 100_000 / records);
            return rate;
        }

        double best() {
            return rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        String summary() {
            return String.format("| %s | %s | %,d | %,.0f | %,.0f-%,.0f | %.2f | %.2f-%.2f |", path, flushSize, records,
                    best(), min(rates), best(), max(ratios), min(ratios), max(ratios));
        }

        private static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        private static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private static String loadAverage() throws java.io.IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return String.format("%.2f (1 min)", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
        String[] fields = Files.readString(loadavg).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void print(List<String> rows) {
        System.out.println("| target | flush.size | records | records/s | ratio to raw |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String row(String target, String flushSize, int records, double rate, double raw) {
        return String.format("| %s | %s | %,d | %,.0f | %.2f |", target, flushSize, records, rate, rate / raw);
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
