package io.pinpipe.gateway.kafka;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What happened to one record of a produce request: written (with its metadata) or failed (with the reason).
 * Exactly one of the two is set.
 */
public record RecordOutcome(RecordMetadata metadata, Exception error) {

    public boolean ok() {
        return error == null;
    }
}
