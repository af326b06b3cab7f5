package io.pinpipe.connect.store;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StorageErrorsTest {

    private final ObjectStore store = new LocalFolderStore(Path.of("/lake"));

    @Test
    void localIoErrorsAreRetriable() {
        assertThat(StorageErrors.classify(new AccessDeniedException("/lake/x"), store, "x"))
                .isInstanceOf(RetriableException.class).hasMessageContaining("x").hasMessageContaining("/lake");
    }

    @Test
    void unreachableEndpointIsRetriable() {
        assertThat(StorageErrors.classify(SdkClientException.create("connection refused"), store, "x"))
                .isInstanceOf(RetriableException.class);
    }

    @Test
    void serverErrorsAndThrottlingAreRetriable() {
        assertThat(StorageErrors.classify(s3Error(503), store, "x")).isInstanceOf(RetriableException.class);
        assertThat(StorageErrors.classify(s3Error(429), store, "x")).isInstanceOf(RetriableException.class);
    }

    @Test
    void missingBucketFailsTheTask() {
        ConnectException error = StorageErrors.classify(
                NoSuchBucketException.builder().statusCode(404).message("no bucket").build(), store, "x");

        assertThat(error).isNotInstanceOf(RetriableException.class);
    }

    private static S3Exception s3Error(int status) {
        return (S3Exception) S3Exception.builder().statusCode(status).message("status " + status).build();
    }
}
