package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.ObjectStores;
import io.pinpipe.connect.store.S3Store;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zombie scenarios and the bounded clean-up on a real S3-compatible server (S3Proxy, loopback), each store
 * opened as a task opens it. S3Proxy 2.6 ignores {@code If-None-Match}, so these run the check-before-write path that
 * {@code s3.conditional.writes=auto} picks for it.
 */
class S3FencingIT extends FencingScenarios {

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

    /**
     * 2,500 committed objects and two uncommitted ones: the clean-up's listing starts after the committed offset's
     * name, so S3 returns only the two (one page instead of three), and only they are deleted.
     */
    @Test
    void cleanUpOnAssignmentListsOnlyTheObjectsAfterTheCommittedOffset() throws Exception {
        String folder = "topics/" + TOPIC + "/partition=0/";
        int committed = 2_500;
        for (int offset = 0; offset < committed + 2; offset++) {
            String key = folder + String.format("%s+0+%010d.json", TOPIC, offset);
            s3.client.putObject(request -> request.bucket(S3Fixture.BUCKET).key(key), RequestBody.fromString("{}\n"));
        }
        StallingStore store = StallingStore.counting(newConnection());
        LakeSinkTask task = task(store, 2, new TestContext(true));

        task.put(records(committed, 2));

        assertThat(store.listings.get()).isEqualTo(1);
        assertThat(store.namesListed.get()).isEqualTo(2);
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(committed + 2));
        assertThat(Lake.lines(store, "topics", TOPIC, 0)).hasSize(committed + 2);
        task.stop();
    }

    /** An upload another task started for the partition may be live: the new owner's clean-up leaves it alone. */
    @Test
    void anotherTasksMultipartUploadIsNotAbortedWhenThePartitionIsAssigned() throws Exception {
        String name = "topics/" + TOPIC + "/partition=0/" + TOPIC + "+0+0000000000.json";
        String uploadId = s3.client.createMultipartUpload(request -> request.bucket(S3Fixture.BUCKET).key(name))
                .uploadId();
        LakeSinkTask task = task(newConnection(), 2, new TestContext(true));

        task.put(records(0, 2));
        task.preCommit(Map.of());

        assertThat(s3.client.listMultipartUploads(request -> request.bucket(S3Fixture.BUCKET)).uploads())
                .extracting(MultipartUpload::uploadId).containsExactly(uploadId);
        assertThat(new String(s3.client.getObjectAsBytes(request -> request.bucket(S3Fixture.BUCKET).key(name))
                .asByteArray(), StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", values(0, 2)) + "\n");
        task.stop();
    }

    /**
     * A stalls after its check of the owner marker, just before its PUT (the window no check closes), and its file
     * lands between B's clean-up and B's own file of that name (on a local lake B's clean-up removes A's temporary
     * file, so A's link fails instead, see {@code LakeSinkFencingTest}): B cannot tell which of the two owns the
     * partition, so B stops it and commits nothing past it. The next task given the partition (a restart) resumes at the committed offset, removes A's uncommitted files, and the lake ends whole.
     */
    @Test
    void ownerFindingTheZombiesFileStopsAndARestartMakesTheLakeWhole() throws Exception {
        StallingStore zombieStore = StallingStore.afterCheck(newConnection(), name -> name.endsWith(FIRST_FILE));
        LakeSinkTask zombie = task(zombieStore, 3, new TestContext(true));
        Stalled stalledPut = Stalled.put(zombie, records(0, 6));
        zombieStore.awaitStall();

        TestContext ownerContext = new TestContext(true);
        LakeSinkTask owner = task(newConnection(), 4, ownerContext);
        owner.put(records(0, 1));
        zombieStore.release();
        stalledPut.finish();
        owner.put(records(1, 7));

        assertThat(owner.preCommit(Map.of())).as("nothing committed past the conflict").doesNotContainKey(P0);
        assertThat(ownerContext.paused).containsExactly(P0);
        owner.close(List.of(P0));
        owner.stop();
        zombie.close(List.of(P0));
        zombie.stop();

        ObjectStore store = newConnection();
        LakeSinkTask next = task(store, 4, new TestContext(true));
        next.put(records(0, 8));
        assertThat(next.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
        assertThat(Lake.lines(store, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 8));
        next.stop();
    }

    /** A connection of its own, as each worker has, opened as a task opens it (s3.conditional.writes=auto). */
    @Override
    ObjectStore newConnection() {
        return ObjectStores.open(new LakeSinkConfig(storeProps()));
    }

    @Override
    Map<String, String> storeProps() {
        return Map.of(LakeSinkConfig.STORE, LakeSinkConfig.STORE_S3, LakeSinkConfig.S3_BUCKET, S3Fixture.BUCKET,
                LakeSinkConfig.STORE_URL, s3.endpoint());
    }
}
