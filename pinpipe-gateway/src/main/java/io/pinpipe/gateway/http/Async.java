package io.pinpipe.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Continues a request on its own event loop once a Kafka future completes: success goes to {@code then}, any
 * failure (from the future or thrown by {@code then}) to the one failure handler.
 */
public final class Async {

    private Async() {
    }

    public static <T> void then(RoutingContext routing, CompletionStage<T> stage, Consumer<T> then) {
        Context context = Vertx.currentContext();
        stage.whenComplete((value, error) -> {
            Runnable continuation = () -> {
                if (error != null) {
                    routing.fail(Failures.unwrap(error));
                    return;
                }
                try {
                    then.accept(value);
                } catch (RuntimeException e) {
                    routing.fail(e);
                }
            };
            // Already on the request's event loop (the stage was complete, e.g. a cached topic): no second trip
            // through its task queue.
            if (context == null || Vertx.currentContext() == context) {
                continuation.run();
            } else {
                context.runOnContext(ignored -> continuation.run());
            }
        });
    }
}
