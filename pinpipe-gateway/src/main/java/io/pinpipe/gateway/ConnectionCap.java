package io.pinpipe.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code pinpipe.max.connections} open client connections across all server instances: one more is closed
 * as soon as it is accepted, so a flood of idle connections cannot exhaust file descriptors or memory. Idle ones are
 * closed by the server's idle timeout, which makes room again.
 */
final class ConnectionCap implements Handler<HttpConnection> {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionCap(int max) {
        this.max = max;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            connection.close();
            return;
        }
        connection.closeHandler(closed -> open.decrementAndGet());
    }
}
