package io.pinpipe.connect.store;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place that decides whether a store failure is worth retrying. Decided by exception type and HTTP status,
 * never by message text: a store that is down or full (I/O errors, refused or timed-out connections, S3 5xx, 429,
 * 408, and 409 for a conditional write that raced another) becomes a {@link RetriableException}, so Connect hands the same records again after a back-off; anything
 * else (a missing bucket, denied access, a bad name) fails the task with a message naming the store and object.
 */
public final class StorageErrors {

    private StorageErrors() {
    }

    public static ConnectException classify(Exception error, ObjectStore store, String object) {
        String where = "writing " + object + " to " + store.describe();
        if (isRetriable(error)) {
            return new RetriableException("store unavailable while " + where + " (will retry): " + error, error);
        }
        return new ConnectException("store failed while " + where + ": " + error, error);
    }

    static boolean isRetriable(Throwable error) {
        if (error instanceof ObjectConflictException) {
            // Another writer's file: retrying cannot change it (the task fences the partition instead).
            return false;
        }
        if (error instanceof IOException || error instanceof UncheckedIOException) {
            return true;
        }
        if (error instanceof AwsServiceException service) {
            int status = service.statusCode();
            // 409: a conditional write raced another one for the same name; the retry learns who won.
            return status >= 500 || status == 429 || status == 408 || status == 409 || service.isThrottlingException();
        }
        return error instanceof SdkClientException;
    }
}
