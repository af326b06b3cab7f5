package io.pinpipe.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.gateway.http.Json;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test (its name matches neither *Test nor *IT): what exact values cost on the produce path. A
 * 50-record v2 body of course-like pin and geo values is parsed and each value written back, by the gateway's
 * {@link Json} (numbers keep their text) and by a plain Jackson tree (numbers through a double, as before). Run with
 * {@code mvn -B -pl pinpipe-gateway -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=JsonParseBench -Dfailsafe.failIfNoSpecifiedTests=false}; results go to stdout and
 * {@code pinpipe-gateway/target/benchmarks/json-parse.txt}.
 */
class JsonParseBench {

    private static final String GEO = "{\"value\":{\"ind\":7528,\"timestamp\":\"2020-08-28T03:52:47\","
            + "\"latitude\":-89.9787,\"longitude\":-173.293,\"country\":\"Albania\"}}";
    private static final String PIN = "{\"value\":{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\","
            + "\"title\":\"No Title Data Available\",\"description\":\"No description available Story format\","
            + "\"poster_name\":\"User Info Error\",\"follower_count\":\"User Info Error\",\"tag_list\":\"N,o,T,a,g,s\","
            + "\"is_image_or_video\":\"multi-video(story page format)\",\"image_src\":\"Image src error.\","
            + "\"downloaded\":0,\"save_location\":\"Local save in /data/mens-fashion\",\"category\":\"mens-fashion\"}}";
    private static final int REQUESTS = 10_000;
    private static final int ROUNDS = 8;

    @Test
    void exactValuesAgainstAPlainJacksonTree() throws Exception {
        StringBuilder text = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 50; i++) {
            text.append(i == 0 ? "" : ",").append(i % 2 == 0 ? GEO : PIN);
        }
        byte[] body = text.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        ObjectMapper plain = new ObjectMapper();
        Json json = new Json(64);
        StringBuilder report = new StringBuilder();
        long bytes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                for (JsonNode record : plain.readTree(body).get("records")) {
                    bytes += plain.writeValueAsBytes(record.get("value")).length;
                }
            }
            long middle = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                for (JsonNode record : json.read(Buffer.buffer(body)).get("records")) {
                    bytes += json.bytes(record.get("value")).length;
                }
            }
            long end = System.nanoTime();
            report.append(String.format(Locale.ROOT, "round %d: plain Jackson tree %.1f us/request, exact Json %.1f"
                    + " us/request%n", round, (middle - start) / 1e3 / REQUESTS, (end - middle) / 1e3 / REQUESTS));
        }
        assertThat(bytes).isPositive();
        System.out.print(report);
        Path out = Path.of("target", "benchmarks", "json-parse.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }
}
