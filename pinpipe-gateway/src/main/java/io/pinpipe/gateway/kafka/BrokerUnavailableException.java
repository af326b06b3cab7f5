package io.pinpipe.gateway.kafka;

/** The Kafka cluster cannot be reached right now; the client should retry (503 with Retry-After). */
public final class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message) {
        super(message);
    }
}
