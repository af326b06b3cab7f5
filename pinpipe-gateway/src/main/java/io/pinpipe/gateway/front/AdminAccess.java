package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may create and delete streams ({@code pinpipe.streams.admin}). Administration changes the cluster for every
 * client, so it is off by default on a gateway that listens beyond loopback, and with API keys on only a key with
 * the {@code admin} right may do it.
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

    /** Throws 403/40303 unless this request may administer streams. */
    public void check(RoutingContext request) {
        if (!enabled) {
            throw new RestException(403, ErrorCodes.ADMIN_NOT_ALLOWED, "Forbidden: creating and deleting streams"
                    + " is off on this gateway (" + why + ")");
        }
        if (ApiKeyCheck.of(request).map(key -> !key.admin()).orElse(false)) {
            throw new RestException(403, ErrorCodes.ADMIN_NOT_ALLOWED, "Forbidden: creating and deleting streams"
                    + " needs an API key with the admin right");
        }
    }
}
