package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.worker.WorkerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged plugin in a real worker writing to a real S3-compatible server on loopback (S3Proxy, in-memory
 * blob store), read back with the AWS SDK; and an outage of that server in the middle of the stream.
 */
class S3LakeIT {

    private static final String BUCKET = S3Fixture.BUCKET;
    private static final Map<String, String> CREDENTIALS = S3Fixture.CREDENTIALS;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private S3Fixture s3;
    private S3Client client;

    @BeforeEach
    void startS3() throws Exception {
        s3 = new S3Fixture();
        client = s3.client;
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void recordsLandInTheBucketNamedLikeTheConfluentSinkWithTheBytesAsSent() throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(dir)) {
            fixture.createTopic("s3.pin", 1);
            List<String> sent = send(fixture, "s3.pin", 0, 25);
            try (WorkerProcess worker = fixture.startWorker("s3", connector("s3.pin"), CREDENTIALS)) {
                worker.awaitRunning(WorkerFixture.START_TIMEOUT);
                WorkerFixture.await("three objects", Duration.ofSeconds(60), () -> keys().size() == 3);
            }
            assertThat(keys()).containsExactly("topics/s3.pin/partition=0/s3.pin+0+0000000000.json",
                    "topics/s3.pin/partition=0/s3.pin+0+0000000010.json",
                    "topics/s3.pin/partition=0/s3.pin+0+0000000020.json");
            String middle = client.getObjectAsBytes(request -> request.bucket(BUCKET)
                    .key("topics/s3.pin/partition=0/s3.pin+0+0000000010.json")).asUtf8String();
            assertThat(middle).isEqualTo(String.join("\n", sent.subList(10, 20)) + "\n");
        }
    }

    @Test
    void anS3OutageIsRetriedAndTheLakeEndsWithEveryRecordOnce() throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(dir)) {
            fixture.createTopic("outage.pin", 1);
            List<String> sent = new ArrayList<>(send(fixture, "outage.pin", 0, 10));
            try (WorkerProcess worker = fixture.startWorker("outage", connector("outage.pin"), CREDENTIALS)) {
                worker.awaitRunning(WorkerFixture.START_TIMEOUT);
                WorkerFixture.await("the first object", Duration.ofSeconds(60), () -> keys().size() == 1);

                s3.stop();
                sent.addAll(send(fixture, "outage.pin", 10, 20));
                Thread.sleep(3_000);
                assertThat(worker.status().orElseThrow().isRunning()).as("task survives the outage").isTrue();
                s3.start();

                WorkerFixture.await("all objects", Duration.ofSeconds(90), () -> keys().size() == 3);
            }
            StringBuilder lake = new StringBuilder();
            for (String key : keys()) {
                lake.append(client.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String());
            }
            assertThat(lake.toString()).isEqualTo(String.join("\n", sent) + "\n");
        }
    }

    private Map<String, String> connector(String topic) {
        return Map.of("topics", topic, "store", "s3", "s3.bucket.name", BUCKET, "store.url", endpoint(),
                "flush.size", "10", "rotate.interval.ms", "2000", "retry.backoff.ms", "200");
    }

    private List<String> send(WorkerFixture fixture, String topic, int from, int count) {
        List<String> values = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String value = "{\"ind\":" + i + ",\"latitude\":-45.8508,\"country\":\"C\u00f4te d'Ivoire\"}";
            values.add(value);
            fixture.send(topic, 0, value.getBytes(StandardCharsets.UTF_8));
        }
        fixture.flush();
        return values;
    }

    /** The lake files in the bucket (not the hidden owner markers). */
    private List<String> keys() {
        try {
            return client.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream()
                    .map(S3Object::key).filter(key -> TopicLayout.parse(key).isPresent()).sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private String endpoint() {
        return s3.endpoint();
    }
}
