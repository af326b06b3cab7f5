package io.pinpipe.gateway.kafka;

import io.pinpipe.gateway.http.Failures;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Turns one expected Kafka failure of an Admin call into an answer of the route's own: "no such topic" into the
 * route's 404, "no authorizer" into an empty ACL list. Matched by type, never by message; any other failure passes
 * through unchanged to {@link Failures}.
 */
public final class AdminFutures {

    private AdminFutures() {
    }

    /**
     * {@code call}, with a failure of {@code type} (inside the future's wrappers) replaced by what {@code recovery}
     * returns or throws.
     */
    public static <T, E extends Throwable> CompletableFuture<T> recover(CompletionStage<T> call, Class<E> type,
                                                                        Function<E, T> recovery) {
        return call.toCompletableFuture().handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = Failures.unwrap(error);
            if (type.isInstance(cause)) {
                return recovery.apply(type.cast(cause));
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }
}
