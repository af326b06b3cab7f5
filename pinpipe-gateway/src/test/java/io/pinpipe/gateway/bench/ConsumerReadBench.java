package io.pinpipe.gateway.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The consumer rows of {@code benchmarks/ingest.sh}: records/s read through {@code GET /consumers/.../records}
 * ({@code binary} and {@code json}) by one REST client, against a plain {@link KafkaConsumer} reading the same
 * records from the same broker. The three shapes alternate for several rounds, so a burst of load from elsewhere
 * hits all of them alike; each prints one line {@code <shape> <records/s of round 1> <round 2> ...}.
 *
 * <p>Arguments: bootstrap servers, gateway URL, payload file (one record a line), records, rounds. Fills the topic
 * {@code bench-read} (3 partitions) first. The REST instance asks to be answered once ~4 MB are gathered
 * ({@code fetch.min.bytes}), as a client that reads in bulk would; the plain consumer keeps Kafka's defaults.
 */
public final class ConsumerReadBench {

    private static final String TOPIC = "bench-read";
    private static final int PARTITIONS = 3;
    private static final int MIN_BYTES = 4_000_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final String bootstrap;
    private final String url;
    private final int records;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConsumerReadBench(String bootstrap, String url, int records) {
        this.bootstrap = bootstrap;
        this.url = url;
        this.records = records;
    }

    public static void main(String[] args) throws Exception {
        ConsumerReadBench bench = new ConsumerReadBench(args[0], args[1], Integer.parseInt(args[3]));
        int rounds = Integer.parseInt(args[4]);
        bench.fill(Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8));
        bench.plainConsumer();
        bench.viaGateway("binary");
        bench.viaGateway("json");
        List<String> shapes = List.of("kafka-consumer", "binary", "json");
        List<List<Double>> rates = shapes.stream().map(shape -> (List<Double>) new ArrayList<Double>()).toList();
        for (int round = 0; round < rounds; round++) {
            rates.get(0).add(bench.plainConsumer());
            rates.get(1).add(bench.viaGateway("binary"));
            rates.get(2).add(bench.viaGateway("json"));
        }
        for (int i = 0; i < shapes.size(); i++) {
            StringBuilder line = new StringBuilder(shapes.get(i));
            rates.get(i).forEach(rate -> line.append(' ').append(Math.round(rate)));
            System.out.println(line);
        }
    }

    private void fill(List<String> payloads) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, payloads.get(i % payloads.size())
                        .getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private double plainConsumer() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long start = System.nanoTime();
            int read = 0;
            while (read < records) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            return read / seconds(start);
        }
    }

    private double viaGateway(String format) throws Exception {
        String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/consumers/bench/instances/" + name;
        String partitions = "{\"partitions\":[" + String.join(",", IntStream.range(0, PARTITIONS)
                .mapToObj(p -> "{\"topic\":\"" + TOPIC + "\",\"partition\":" + p + "}").toList()) + "]}";
        expectOk(call("POST", "/consumers/bench", "{\"name\":\"" + name + "\",\"format\":\"" + format
                + "\",\"fetch.min.bytes\":" + MIN_BYTES + "}", null));
        expectOk(call("POST", base + "/assignments", partitions, null));
        expectOk(call("POST", base + "/positions/beginning", partitions, null));
        String accept = "application/vnd.kafka." + format + ".v2+json";
        long start = System.nanoTime();
        int read = 0;
        while (read < records) {
            read += count(expectOk(call("GET", base + "/records", null, accept)).body());
        }
        double rate = read / seconds(start);
        expectOk(call("DELETE", base, null, null));
        return rate;
    }

    /**
     * The records in an answer, counted with a streaming pass that skips their contents: the plain consumer's loop
     * does not parse the values either, so the client's own JSON work stays out of the comparison.
     */
    private static int count(byte[] answer) throws IOException {
        int count = 0;
        try (JsonParser parser = JSON.createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("a records answer is a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.skipChildren();
                count++;
            }
        }
        return count;
    }

    private HttpResponse<byte[]> call(String method, String path, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/vnd.kafka.v2+json");
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> expectOk(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }

    private static List<TopicPartition> partitions() {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
