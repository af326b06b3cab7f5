package io.pinpipe.connect;

import io.pinpipe.connect.store.S3Store;
import io.pinpipe.connect.worker.WorkerProcess;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
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

    private static final String BUCKET = "user-pinpipe-bucket";
    private static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "local-test",
            "AWS_SECRET_ACCESS_KEY", "local-test-secret");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private BlobStoreContext blobs;
    private S3Proxy s3;
    private int port;
    private S3Client client;

    @BeforeEach
    void startS3() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        s3 = startProxy(0);
        port = s3.getPort();
        System.setProperty("aws.accessKeyId", CREDENTIALS.get("AWS_ACCESS_KEY_ID"));
        System.setProperty("aws.secretAccessKey", CREDENTIALS.get("AWS_SECRET_ACCESS_KEY"));
        client = S3Store.client("us-east-1", endpoint(), true);
        client.createBucket(request -> request.bucket(BUCKET));
    }

    @AfterEach
    void stopS3() throws Exception {
        client.close();
        s3.stop();
        blobs.close();
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
                s3 = startProxy(port);

                WorkerFixture.await("all objects", Duration.ofSeconds(90), () -> keys().size() == 3);
            }
            StringBuilder lake = new StringBuilder();
            for (String key : keys()) {
                lake.append(client.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asUtf8String());
            }
            assertThat(lake.toString()).isEqualTo(String.join("\n", sent) + "\n");
        }
    }

    @Test
    void incompleteMultipartUploadsOfAPartitionAreAbortedWhenItIsCleanedUp() {
        String ours = "topics/m.pin/partition=0/m.pin+0+0000000100.json";
        String others = "topics/m.pin/partition=1/m.pin+1+0000000100.json";
        client.createMultipartUpload(request -> request.bucket(BUCKET).key(ours));
        client.createMultipartUpload(request -> request.bucket(BUCKET).key(others));
        S3Store store = new S3Store(client, BUCKET, 5 * 1024 * 1024);

        int aborted = store.removeIncomplete("topics/m.pin/", name -> name.contains("/m.pin+0+"));

        assertThat(aborted).isEqualTo(1);
        assertThat(client.listMultipartUploads(request -> request.bucket(BUCKET).prefix("topics/")).uploads())
                .extracting(software.amazon.awssdk.services.s3.model.MultipartUpload::key).containsExactly(others);
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

    private List<String> keys() {
        try {
            return client.listObjectsV2Paginator(request -> request.bucket(BUCKET)).contents().stream()
                    .map(S3Object::key).sorted().toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private S3Proxy startProxy(int onPort) throws Exception {
        S3Proxy proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + onPort)).build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        return proxy;
    }
}
