package io.pinpipe.gateway.v2;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;

/** Partition numbers in paths: parsed strictly, and the one 40402 message. */
public final class Partitions {

    private Partitions() {
    }

    public static int parse(String text) {
        try {
            int partition = Integer.parseInt(text);
            if (partition >= 0) {
                return partition;
            }
        } catch (NumberFormatException e) {
            // answered below like any other partition that does not exist
        }
        throw new RestException(404, ErrorCodes.PARTITION_NOT_FOUND, "Partition " + text + " not found.");
    }

    public static RestException notFound(String topic, int partition) {
        return new RestException(404, ErrorCodes.PARTITION_NOT_FOUND, "Partition " + partition + " of topic " + topic
                + " not found.");
    }
}
