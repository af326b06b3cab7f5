package io.pinpipe.emulator.post;

import io.pinpipe.emulator.TestSources;
import io.pinpipe.emulator.source.SourceDatabase;
import io.pinpipe.emulator.source.SourceReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulator against a real HTTP server on loopback that checks what it receives and answers as scripted. */
class EmulatorHttpTest {

    /** The first twenty row numbers of seed 100: the source holds all of them. */
    private static final int[] COURSE_IDS = {7528, 2863, 5730, 8304, 8731, 1313, 4315, 10794, 5494, 5069, 2923,
        3089, 6063, 3454, 7554, 6145, 10625, 2959, 9875, 2418};

    private static final String PIN_7528 = "{\"index\":7528,\"unique_id\":\"fbe53c66-3442-4773-b19e-d3ec6f54dddf\","
            + "\"title\":\"No Title Data Available\",\"description\":\"No description available Story format\","
            + "\"poster_name\":\"User Info Error\",\"follower_count\":\"User Info Error\","
            + "\"tag_list\":\"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\",\"is_image_or_video\":\"multi-video(story page "
            + "format)\",\"image_src\":\"Image src error.\",\"downloaded\":0,"
            + "\"save_location\":\"Local save in /data/mens-fashion\",\"category\":\"mens-fashion\"}";
    private static final String GEO_7528 = "{\"ind\":7528,\"timestamp\":\"2020-08-28T03:52:47\","
            + "\"latitude\":-89.9787,\"longitude\":-173.293,\"country\":\"Albania\"}";
    private static final String USER_7528 = "{\"ind\":7528,\"first_name\":\"Abigail\",\"last_name\":\"Ali\","
            + "\"age\":20,\"date_joined\":\"2015-10-24T11:23:51\"}";

    @TempDir
    Path folder;

    private FakeGateway gateway;
    private SourceDatabase source;

    @BeforeEach
    void start() {
        gateway = new FakeGateway();
        source = TestSources.h2With(folder, COURSE_IDS);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private EmulatorSummary run(UnaryOperator<EmulatorOptions.Builder> options) throws InterruptedException {
        EmulatorOptions built = options.apply(EmulatorOptions.builder().gateway(gateway.uri())).build();
        try (SourceReader reader = new SourceReader(source)) {
            return new Emulator(built, reader, drawn -> { }).run();
        }
    }

    private FakeGateway.Request only(String path) {
        List<FakeGateway.Request> matching = gateway.requests().stream().filter(r -> r.path().equals(path)).toList();
        assertThat(matching).as("requests to " + path).hasSize(1);
        return matching.get(0);
    }

    @Test
    void batchModePostsTheCourseRequestsByteForByte() throws Exception {
        EmulatorSummary summary = run(o -> o.count(1));

        assertThat(gateway.requests()).hasSize(3);
        FakeGateway.Request pin = only("/test/topics/pinpipe.pin");
        assertThat(pin.method()).isEqualTo("POST");
        assertThat(pin.headers()).containsEntry("content-type", "application/vnd.kafka.json.v2+json")
                .containsEntry("accept", "application/vnd.kafka.v2+json").doesNotContainKey("x-api-key");
        assertThat(pin.bodyText()).isEqualTo("{\"records\":[{\"value\":" + PIN_7528 + "}]}");
        assertThat(only("/test/topics/pinpipe.geo").bodyText())
                .isEqualTo("{\"records\":[{\"value\":" + GEO_7528 + "}]}");
        assertThat(only("/test/topics/pinpipe.user").bodyText())
                .isEqualTo("{\"records\":[{\"value\":" + USER_7528 + "}]}");
        assertThat(summary.drawn()).isEqualTo(1);
        assertThat(summary.sent()).isEqualTo(3);
        assertThat(summary.acknowledged()).isEqualTo(3);
        assertThat(summary.failedTotal()).isZero();
        assertThat(summary.retried()).isZero();
    }

    @Test
    void streamModePutsOneRecordOrManyWithTheCourseShape() throws Exception {
        run(o -> o.count(1).mode(Mode.STREAM).userId("12c0d092d679"));
        FakeGateway.Request pin = only("/test/streams/streaming-12c0d092d679-pin/record");
        assertThat(pin.method()).isEqualTo("PUT");
        assertThat(pin.headers()).containsEntry("content-type", "application/json");
        assertThat(pin.bodyText()).isEqualTo("{\"StreamName\":\"streaming-12c0d092d679-pin\",\"Data\":" + PIN_7528
                + ",\"PartitionKey\":\"7528\"}");

        gateway.requests().clear();
        EmulatorSummary summary = run(o -> o.count(2).batchSize(2).mode(Mode.STREAM).stage(""));
        FakeGateway.Request geo = only("/streams/streaming-pinpipe-geo/records");
        assertThat(geo.method()).isEqualTo("PUT");
        assertThat(geo.bodyText()).startsWith("{\"StreamName\":\"streaming-pinpipe-geo\",\"Records\":[{\"Data\":"
                + GEO_7528 + ",\"PartitionKey\":\"7528\"},{\"Data\":{\"ind\":2863,")
                .endsWith(",\"PartitionKey\":\"2863\"}]}");
        assertThat(summary.acknowledged()).isEqualTo(6);
        assertThat(gateway.requests()).hasSize(3);
    }

    @Test
    void batchSizeGroupsDrawsPerTopicInDrawOrder() throws Exception {
        EmulatorSummary summary = run(o -> o.count(5).batchSize(2));
        List<FakeGateway.Request> pins = gateway.requests().stream()
                .filter(r -> r.path().endsWith("pinpipe.pin")).toList();
        assertThat(pins).extracting(r -> r.values().size()).containsExactlyInAnyOrder(2, 2, 1);
        assertThat(pins.stream().flatMap(r -> r.values().stream()).map(v -> v.get("index").asInt()))
                .containsExactlyInAnyOrder(7528, 2863, 5730, 8304, 8731);
        assertThat(summary.acknowledged()).isEqualTo(15);
        assertThat(summary.requests()).isEqualTo(9);
    }

    @Test
    void perRecordErrorsResendOnlyTheFailedRecords() throws Exception {
        gateway.answering((request, number) -> {
            if (request.values().size() == 1) {
                return FakeGateway.success(request);
            }
            return FakeGateway.Reply.json(200, "{\"offsets\":[{\"partition\":0,\"offset\":5,\"error_code\":null,"
                    + "\"error\":null},{\"partition\":null,\"offset\":null,\"error_code\":50003,"
                    + "\"error\":\"retry me\"},"
                    + "{\"partition\":null,\"offset\":null,\"error_code\":1,\"error\":\"record too large\"}],"
                    + "\"key_schema_id\":null,\"value_schema_id\":null}");
        });
        EmulatorSummary summary = run(o -> o.count(3).batchSize(3).concurrency(1));

        assertThat(summary.sent()).isEqualTo(9);
        assertThat(summary.acknowledged()).isEqualTo(6);
        assertThat(summary.retried()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(Map.of("record error_code 1: record too large", 3L));
        List<FakeGateway.Request> resent = gateway.requests().stream().filter(r -> r.values().size() == 1).toList();
        assertThat(resent).hasSize(3).allSatisfy(r -> assertThat(r.bodyText()).contains("2863").doesNotContain("7528"));
    }

    @Test
    void serviceUnavailableIsRetriedNoSoonerThanRetryAfter() throws Exception {
        gateway.answering((request, number) -> number == 1
                ? new FakeGateway.Reply(503, Map.of("Retry-After", "1"), "")
                : FakeGateway.success(request));
        EmulatorSummary summary = run(o -> o.count(1).concurrency(1));

        assertThat(summary.acknowledged()).isEqualTo(3);
        assertThat(summary.retried()).isEqualTo(1);
        assertThat(summary.failedTotal()).isZero();
        List<FakeGateway.Request> requests = gateway.requests();
        FakeGateway.Request refused = requests.get(0);
        FakeGateway.Request again = requests.stream().skip(1).filter(r -> r.path().equals(refused.path()))
                .findFirst().orElseThrow();
        assertThat(again.body()).isEqualTo(refused.body());
        assertThat(again.receivedNanos() - refused.receivedNanos()).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aDroppedConnectionLeavesItsRecordsInDoubtAndNeverSendsThemAgain() throws Exception {
        gateway.answering((request, number) -> number <= 2 ? FakeGateway.Reply.DROP : FakeGateway.success(request));
        EmulatorSummary summary = run(o -> o.count(1).concurrency(1));

        assertThat(gateway.requests()).as("the gateway may have written the dropped ones: no re-send").hasSize(3);
        assertThat(summary.acknowledged()).isEqualTo(1);
        assertThat(summary.inDoubtTotal()).isEqualTo(2);
        assertThat(summary.inDoubt().keySet()).allSatisfy(reason -> assertThat(reason).startsWith("no answer: "));
        assertThat(summary.retried()).isZero();
        assertThat(summary.failedTotal()).isZero();
        assertThat(summary.describe()).contains("acknowledged 1, retried 0, failed 0, in doubt 2");
    }

    @Test
    void aTimedOutRequestIsInDoubt() throws Exception {
        gateway.answering((request, number) -> {
            if (number == 1) {
                FakeGateway.pause(Duration.ofSeconds(3));
            }
            return FakeGateway.success(request);
        });
        EmulatorSummary summary = run(o -> o.count(1).concurrency(1).requestTimeout(Duration.ofMillis(300)));

        assertThat(gateway.requests()).hasSize(3);
        assertThat(summary.acknowledged()).isEqualTo(2);
        assertThat(summary.inDoubt()).containsOnlyKeys("no answer: HttpTimeoutException: request timed out");
        assertThat(summary.inDoubtTotal()).isEqualTo(1);
    }

    @Test
    void retriableFailuresGiveUpAfterTheLastAttempt() throws Exception {
        gateway.answering((request, number) -> new FakeGateway.Reply(500, Map.of(), ""));
        EmulatorSummary summary = run(o -> o.count(1).maxAttempts(2));

        assertThat(gateway.requests()).hasSize(6);
        assertThat(summary.acknowledged()).isZero();
        assertThat(summary.retried()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(Map.of("HTTP 500", 3L));
    }

    @Test
    void unknownTopicFailsAtOnceWithTheGatewaysMessage() throws Exception {
        gateway.answering((request, number) -> FakeGateway.Reply.json(404,
                "{\"error_code\":40401,\"message\":\"Topic pinpipe.pin not found.\"}"));
        EmulatorSummary summary = run(o -> o.count(2).batchSize(2));

        assertThat(gateway.requests()).hasSize(3);
        assertThat(summary.retried()).isZero();
        assertThat(summary.acknowledged()).isZero();
        assertThat(summary.failed()).isEqualTo(Map.of("HTTP 404 40401: Topic pinpipe.pin not found.", 6L));
        assertThat(summary.describe()).contains("failed 6: HTTP 404 40401: Topic pinpipe.pin not found.");
    }

    @Test
    void apiKeyGoesInTheHeaderAndNowhereElse() throws Exception {
        EmulatorSummary summary = run(o -> o.count(1).apiKey("s3cr3t-key"));
        assertThat(gateway.requests())
                .allSatisfy(r -> assertThat(r.headers()).containsEntry("x-api-key", "s3cr3t-key"));
        assertThat(summary.describe()).doesNotContain("s3cr3t-key");
        assertThat(EmulatorOptions.builder().apiKey("s3cr3t-key").build().toString()).doesNotContain("s3cr3t-key");
    }

    @Test
    void rowsMissingFromTheSourceAreCountedAndNotSent() throws Exception {
        EmulatorSummary summary = run(o -> o.count(3).rows(0, 1));
        assertThat(gateway.requests()).isEmpty();
        assertThat(summary.drawn()).isEqualTo(3);
        assertThat(summary.missingRows().values()).containsOnly(3L);
        assertThat(summary.describe()).contains("rows missing from the source");
    }

    @Test
    void manyRequestsInFlightAreAllAccountedFor() throws Exception {
        EmulatorSummary summary = run(o -> o.count(300).concurrency(16).rows(7528, 7528));
        assertThat(summary.sent()).isEqualTo(900);
        assertThat(summary.acknowledged()).isEqualTo(900);
        assertThat(summary.requests()).isEqualTo(900);
        assertThat(gateway.requests()).hasSize(900);
        assertThat(summary.latencyP99()).isPositive().isGreaterThanOrEqualTo(summary.latencyP50());
    }

    @Test
    void durationEndsAnUnboundedRun() throws Exception {
        long start = System.nanoTime();
        EmulatorSummary summary = run(o -> o.duration(Duration.ofMillis(300)).rate(20).rows(7528, 7528));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(summary.drawn()).isBetween(1L, 10L);
        assertThat(summary.acknowledged()).isEqualTo(summary.drawn() * 3);
    }
}
