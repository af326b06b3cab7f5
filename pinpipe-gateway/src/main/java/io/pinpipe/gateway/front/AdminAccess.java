package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may administer topics ({@code pinpipe.streams.admin}): create and delete streams, and through REST Proxy v3
 * create and delete topics and raise a topic's partition count. Administration changes the cluster for every client,
 * so it is off by default on a gateway that listens beyond loopback, and with API keys on only a key with the
 * {@code admin} right may do it.
 */
public final class AdminAccess {

    private final boolean enabled;
    private final String why;

    /**
     * @param enabled whether administration is possible at all on this gateway
     * @param why     the setting that decided it, for the refusal's message
     */
    public AdminAccess(boolean enabled, String why) {
        this.enabled = enabled;
        this.why = why;
    }

    /** Throws 403/40303 unless this request may administer topics and streams. */
    public void check(RoutingContext request) {
        if (!enabled) {
            throw new RestException(403, ErrorCodes.ADMIN_NOT_ALLOWED, "Forbidden: administration (creating and"
                    + " deleting streams and topics, partition counts) is off on this gateway (" + why + ")");
        }
        if (ApiKeyCheck.of(request).map(key -> !key.admin()).orElse(false)) {
            throw new RestException(403, ErrorCodes.ADMIN_NOT_ALLOWED, "Forbidden: administration (creating and"
                    + " deleting streams and topics, partition counts) needs an API key with the admin right");
        }
    }
}
