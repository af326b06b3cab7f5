package io.pinpipe.emulator.post;

import java.util.Optional;

/** What a gateway answered to one call: the status, the body and its {@code Retry-After} header, if any. */
record GatewayAnswer(int status, byte[] body, Optional<String> retryAfter) {

    /** A 5xx: the gateway itself is in trouble (dying, overloaded, cut off from Kafka), so another may do better. */
    boolean serverFailed() {
        return status >= 500;
    }
}
