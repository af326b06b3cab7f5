package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.S3Store;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zombie scenarios and the bounded clean-up on a real S3-compatible server (S3Proxy, loopback). S3Proxy 2.6
 * ignores {@code If-None-Match}, so these run the check-before-write path that {@code s3.conditional.writes=auto}
 * picks for it.
 */
class S3FencingIT {

    private static final int PART_SIZE = 5 * 1024 * 1024;

    private S3Fixture s3;

    @BeforeEach
    void startS3() throws Exception {
        s3 = new S3Fixture();
    }

    @AfterEach
    void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void autoDetectionFindsThatS3ProxyIgnoresIfNoneMatchAndLeavesNoProbeBehind() {
        assertThat(S3Store.honoursIfNoneMatch(s3.client, S3Fixture.BUCKET, "topics/.pinpipe-probe-test")).isFalse();
        assertThat(s3.client.listObjectsV2(request -> request.bucket(S3Fixture.BUCKET)).contents()).isEmpty();
    }

    @Test
    void zombieLandingSecondIsFencedAndTheOwnersFilesStay() throws Exception {
        scenario().zombieLandingSecondIsFencedAndTheOwnersFilesStay();
    }

    @Test
    void ownerFindingTheZombiesFileStopsAndARestartMakesTheLakeWhole() throws Exception {
        scenario().ownerFindingTheZombiesFileStopsAndARestartMakesTheLakeWhole();
    }

    /**
     * 2,500 committed objects and two uncommitted ones: the clean-up's listing starts after the committed offset's
     * name, so S3 returns only the two (one page instead of three), and only they are deleted.
     */
    @Test
    void cleanUpOnAssignmentListsOnlyTheObjectsAfterTheCommittedOffset() throws Exception {
        String folder = "topics/" + ZombieScenario.TOPIC + "/partition=0/";
        int committed = 2_500;
        for (int offset = 0; offset < committed + 2; offset++) {
            String key = folder + String.format("%s+0+%010d.json", ZombieScenario.TOPIC, offset);
            s3.client.putObject(request -> request.bucket(S3Fixture.BUCKET).key(key), RequestBody.fromString("{}\n"));
        }
        StallingStore store = StallingStore.counting(store());
        LakeSinkTask task = scenario().task(store, 2, new TestContext(true));

        task.put(ZombieScenario.records(committed, 2));

        assertThat(store.listings.get()).isEqualTo(1);
        assertThat(store.namesListed.get()).isEqualTo(2);
        assertThat(task.preCommit(Map.of())).containsEntry(ZombieScenario.P0, new OffsetAndMetadata(committed + 2));
        assertThat(Lake.lines(store, "topics", ZombieScenario.TOPIC, 0)).hasSize(committed + 2);
        task.stop();
    }

    /** An upload another task started for the partition may be live: the new owner's clean-up leaves it alone. */
    @Test
    void anotherTasksMultipartUploadIsNotAbortedWhenThePartitionIsAssigned() throws Exception {
        String name = "topics/" + ZombieScenario.TOPIC + "/partition=0/" + ZombieScenario.TOPIC + "+0+0000000000.json";
        String uploadId = s3.client.createMultipartUpload(request -> request.bucket(S3Fixture.BUCKET).key(name))
                .uploadId();
        LakeSinkTask task = scenario().task(store(), 2, new TestContext(true));

        task.put(ZombieScenario.records(0, 2));
        task.preCommit(Map.of());

        assertThat(s3.client.listMultipartUploads(request -> request.bucket(S3Fixture.BUCKET)).uploads())
                .extracting(MultipartUpload::uploadId).containsExactly(uploadId);
        assertThat(new String(s3.client.getObjectAsBytes(request -> request.bucket(S3Fixture.BUCKET).key(name))
                .asByteArray(), StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", ZombieScenario.values(0, 2)) + "\n");
        task.stop();
    }

    private ZombieScenario scenario() {
        return new ZombieScenario(this::store, Map.of(LakeSinkConfig.STORE, LakeSinkConfig.STORE_S3,
                LakeSinkConfig.S3_BUCKET, S3Fixture.BUCKET, LakeSinkConfig.STORE_URL, s3.endpoint()));
    }

    /** A connection of its own, as each worker has; without If-None-Match, which S3Proxy ignores. */
    private ObjectStore store() {
        return new S3Store(s3.newClient(), S3Fixture.BUCKET, PART_SIZE, false);
    }
}
