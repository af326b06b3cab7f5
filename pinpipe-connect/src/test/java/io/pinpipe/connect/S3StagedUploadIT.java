package io.pinpipe.connect;

import io.pinpipe.connect.store.NotOwnerException;
import io.pinpipe.connect.store.ObjectConflictException;
import io.pinpipe.connect.store.PublishGuard;
import io.pinpipe.connect.store.S3Store;
import io.pinpipe.connect.store.Staged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file above the part size is staged on S3 as a multipart upload that no reader sees until its publish completes
 * it, and a staged file that is not published leaves no upload behind (S3Proxy, the check-before-write path).
 */
class S3StagedUploadIT {

    private static final int PART_SIZE = 5 * 1024 * 1024;
    private static final String NAME = "topics/t/partition=0/t+0+0000000000.json";
    private static final String OTHER = "topics/t/partition=0/t+0+0000001000.json";

    private S3Fixture s3;
    private S3Store store;

    @BeforeEach
    void startS3() throws Exception {
        s3 = new S3Fixture();
        store = new S3Store(s3.newClient(), S3Fixture.BUCKET, PART_SIZE, false);
    }

    @AfterEach
    void stopS3() throws Exception {
        store.close();
        s3.close();
    }

    @Test
    void aStagedFileIsInvisibleUntilPublishedAndADiscardedOneLeavesNoUpload() throws Exception {
        Staged published = store.stage(NAME, ByteBuffer.wrap(lines('a')));
        Staged dropped = store.stage(OTHER, ByteBuffer.wrap(lines('b')));

        assertThat(keys()).as("staged files are invisible").isEmpty();
        assertThat(uploads()).as("both are multipart uploads").isEqualTo(2);
        published.publish(PublishGuard.NONE);
        dropped.discard();
        published.discard();

        assertThat(keys()).containsExactly(NAME);
        assertThat(store.get(NAME)).isEqualTo(lines('a'));
        assertThat(uploads()).isZero();
    }

    @Test
    void publishingOverAnotherWritersFileIsAConflictThatKeepsItAndAbortsTheUpload() throws Exception {
        s3.client.putObject(request -> request.bucket(S3Fixture.BUCKET).key(NAME), RequestBody.fromString("other\n"));
        Staged staged = store.stage(NAME, ByteBuffer.wrap(lines('a')));

        assertThatThrownBy(() -> staged.publish(PublishGuard.NONE)).isInstanceOf(ObjectConflictException.class)
                .hasMessageContaining(NAME);
        staged.discard();

        assertThat(new String(store.get(NAME))).isEqualTo("other\n");
        assertThat(uploads()).isZero();
    }

    @Test
    void aGuardThatRefusesPublishesNothingAndLeavesNoUpload() throws Exception {
        Staged staged = store.stage(NAME, ByteBuffer.wrap(lines('a')));

        assertThatThrownBy(() -> staged.publish(name -> {
            throw new NotOwnerException(name, "another task claimed the partition");
        })).isInstanceOf(NotOwnerException.class);
        staged.discard();

        assertThat(keys()).isEmpty();
        assertThat(uploads()).isZero();
    }

    @Test
    void aReplayOfTheSameBytesIsStoredOnceAndLeavesNoUpload() throws Exception {
        store.put(NAME, lines('a'));

        store.put(NAME, lines('a'));

        assertThat(keys()).containsExactly(NAME);
        assertThat(store.get(NAME)).isEqualTo(lines('a'));
        assertThat(uploads()).isZero();
    }

    /** 6 MiB of lines: above the part size, so two parts (5 MiB, S3's smallest but the last, and 1 MiB). */
    private static byte[] lines(char letter) {
        byte[] bytes = new byte[6 * 1024 * 1024];
        Arrays.fill(bytes, (byte) letter);
        for (int i = 99; i < bytes.length; i += 100) {
            bytes[i] = '\n';
        }
        return bytes;
    }

    /**
     * The lake's objects, as readers list them. Not the whole bucket: S3Proxy keeps its multipart bookkeeping as
     * objects outside the prefix ({@code .mpus-...} and the upload ids), where AWS S3 shows nothing.
     */
    private java.util.List<String> keys() {
        return s3.client.listObjectsV2(request -> request.bucket(S3Fixture.BUCKET).prefix("topics/")).contents()
                .stream().map(S3Object::key).toList();
    }

    private int uploads() {
        return s3.client.listMultipartUploads(request -> request.bucket(S3Fixture.BUCKET)).uploads().size();
    }
}
