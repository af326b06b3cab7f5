package io.pinpipe.gateway.kafka;

import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.config.GatewayKeys;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;

/**
 * The most records one v2 or v3 produce request may hold ({@code pinpipe.produce.max.records}, 10,000 by default
 * as in the Confluent REST Proxy). Without it one 10 MiB body of {@code {"value":{}}} is 800,000 records: seconds of
 * producer work and hundreds of MiB of heap for a single request.
 */
public final class RecordCap {

    private RecordCap() {
    }

    /** Throws 413/41301 when {@code records} is above the cap; nothing of the request has been sent then. */
    public static void check(int records, GatewayConfig config) {
        int max = config.getInt(GatewayKeys.PRODUCE_MAX_RECORDS);
        if (records > max) {
            throw new RestException(413, ErrorCodes.TOO_MANY_RECORDS, "the request holds " + records + " records;"
                    + " one request may hold at most " + max + " (pinpipe.produce.max.records): split it");
        }
    }
}
