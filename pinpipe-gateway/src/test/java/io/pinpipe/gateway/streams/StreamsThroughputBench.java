package io.pinpipe.gateway.streams;

import io.pinpipe.gateway.consumer.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (its name matches neither *Test nor *IT): records per second through
 * {@code PUT /streams/{s}/records} (100 per request) and {@code PUT /streams/{s}/record}, against the baseline of
 * the same records sent straight to Kafka with the gateway's own producer, in the same JVM and run. Run with
 * {@code mvn -B -q -pl pinpipe-gateway -am install -DskipTests && mvn -B -pl pinpipe-gateway verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StreamsThroughputBench}; results go to stdout and
 * {@code pinpipe-gateway/target/benchmarks/streams.txt}.
 */
class StreamsThroughputBench {

    private static final int RECORDS = 20_000;
    private static final int BATCH = 100;
    private static final int SINGLE_RECORDS = 2_000;
    private static final int CLIENTS = 4;

    @Test
    void putRecordsThroughputAgainstTheRawProducer() throws Exception {
        try (TestGateway gateway = TestGateway.start(new StreamsRoutes(StreamsSettings.defaults()))) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                values.add(pin(i));
            }
            // Warm-up of both paths, so class loading and metadata fetches are not measured.
            double baselineWarm = baseline(gateway, stream(gateway), values.subList(0, 2_000));
            double batchWarm = viaGateway(gateway, stream(gateway), values.subList(0, 2_000), BATCH);

            String rawStream = stream(gateway);
            double baseline = baseline(gateway, rawStream, values);
            String batchStream = stream(gateway);
            double batched = viaGateway(gateway, batchStream, values, BATCH);
            String singleStream = stream(gateway);
            double single = viaGateway(gateway, singleStream, values.subList(0, SINGLE_RECORDS), 1);

            assertThat(endOffset(gateway, rawStream)).isEqualTo(RECORDS);
            assertThat(endOffset(gateway, batchStream)).isEqualTo(RECORDS);
            assertThat(endOffset(gateway, singleStream)).isEqualTo(SINGLE_RECORDS);

            String report = String.format("""
                    streams API throughput (%d cores, %d HTTP clients, ~%d-byte JSON records, acks=all, 1 partition)
                    warm-up: raw %.0f rec/s, gateway batches %.0f rec/s
                    baseline  raw producer send+ack        %,10.0f records/s
                    gateway   PUT .../records (%d/request) %,10.0f records/s  ratio %.2f
                    gateway   PUT .../record  (1/request)   %,10.0f records/s  ratio %.3f
                    """, Runtime.getRuntime().availableProcessors(), CLIENTS, values.get(0).length(), baselineWarm,
                    batchWarm, baseline, BATCH, batched, batched / baseline, single, single / baseline);
            System.out.println(report);
            Path out = Path.of("target", "benchmarks", "streams.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private static double baseline(TestGateway gateway, String stream, List<String> values) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            acks.add(gateway.producer().send(new ProducerRecord<>(stream, ("k" + (i % 64)).getBytes(
                    StandardCharsets.UTF_8), values.get(i).getBytes(StandardCharsets.UTF_8))));
        }
        for (Future<?> ack : acks) {
            ack.get(60, TimeUnit.SECONDS);
        }
        return values.size() / seconds(start);
    }

    private static double viaGateway(TestGateway gateway, String stream, List<String> values, int perRequest)
            throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < values.size(); from += perRequest) {
            if (perRequest == 1) {
                bodies.add("{\"Data\":" + values.get(from) + ",\"PartitionKey\":\"k" + (from % 64) + "\"}");
            } else {
                JsonArray records = new JsonArray();
                for (int i = from; i < Math.min(values.size(), from + perRequest); i++) {
                    records.add(new JsonObject().put("Data", new JsonObject(values.get(i)))
                            .put("PartitionKey", "k" + (i % 64)));
                }
                bodies.add(new JsonObject().put("Records", records).encode());
            }
        }
        String path = "/streams/" + stream + (perRequest == 1 ? "/record" : "/records");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            long start = System.nanoTime();
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (String body : bodies) {
                statuses.add(CompletableFuture.supplyAsync(() -> {
                    HttpResponse<String> response = gateway.send("PUT", path, Map.of("Content-Type",
                            "application/json"), body);
                    return response.statusCode();
                }, clients));
            }
            for (CompletableFuture<Integer> status : statuses) {
                assertThat(status.get(120, TimeUnit.SECONDS)).isEqualTo(200);
            }
            return values.size() / seconds(start);
        } finally {
            clients.shutdownNow();
        }
    }

    private static String stream(TestGateway gateway) {
        String name = "streaming-bench-" + UUID.randomUUID().toString().substring(0, 8);
        gateway.createTopic(name, 1);
        return name;
    }

    private static long endOffset(TestGateway gateway, String stream) throws Exception {
        TopicPartition partition = new TopicPartition(stream, 0);
        return gateway.admin().listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                .get(partition).offset();
    }

    private static String pin(int index) {
        return new JsonObject().put("index", index).put("unique_id", UUID.nameUUIDFromBytes(
                        Integer.toString(index).getBytes(StandardCharsets.UTF_8)).toString())
                .put("title", "Tiny house living ideas number " + index)
                .put("description", "A description long enough to look like a real pin, with a few more words here.")
                .put("poster_name", "Poster " + (index % 97)).put("follower_count", (index % 50) + "k")
                .put("tag_list", "Home,Decor,Small Spaces,Ideas").put("is_image_or_video", "image")
                .put("image_src", "https://i.pinimg.com/originals/ab/cd/ef/" + index + ".jpg")
                .put("downloaded", 1).put("save_location", "Local save in /data/home-decor")
                .put("category", "home-decor").encode();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
