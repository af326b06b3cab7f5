package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The topic allow-list ({@code pinpipe.topics.regex}, like a connector's {@code topics.regex}), narrowed by the
 * caller's API key ({@code topics=}): every route that names a topic checks it here, so a topic outside the list is
 * refused with 403/40301 whatever the route.
 */
public final class TopicAccess {

    private final Pattern allowed;

    public TopicAccess(Pattern allowed) {
        this.allowed = allowed;
    }

    /** The gateway-wide list only. */
    public boolean allowed(String topic) {
        return allowed.matcher(topic).matches();
    }

    /** The gateway-wide list and the request's API key. */
    public boolean allowed(RoutingContext request, String topic) {
        return allowed(topic) && ApiKeyCheck.of(request).map(key -> key.mayUseTopic(topic)).orElse(true);
    }

    /** Throws 403/40301 unless the topic matches the allow-list. */
    public void check(String topic) {
        if (!allowed(topic)) {
            throw notAllowed(topic);
        }
    }

    /** Throws 403/40301 unless the topic matches the allow-list and the request's API key may use it. */
    public void check(RoutingContext request, String topic) {
        if (!allowed(request, topic)) {
            throw notAllowed(topic);
        }
    }

    /**
     * A subscription pattern narrowed to the topics this request may use: a topic matches the result only when it
     * matches {@code requested}, the allow-list and the API key's list.
     */
    public Pattern narrow(RoutingContext request, Pattern requested) {
        return narrow(ApiKeyCheck.of(request), requested);
    }

    /** As {@link #narrow(RoutingContext, Pattern)}, for the caller's key (empty when keys are off). */
    public Pattern narrow(Optional<ApiKey> key, Pattern requested) {
        // Lookaheads anchored at the end: each list must match the whole name, then the requested pattern does.
        StringBuilder regex = new StringBuilder("(?=(?:").append(allowed.pattern()).append(")$)");
        key.flatMap(ApiKey::topics).ifPresent(own ->
                regex.append("(?=(?:").append(own.pattern()).append(")$)"));
        return Pattern.compile(regex.append("(?:").append(requested.pattern()).append(")").toString());
    }

    private RestException notAllowed(String topic) {
        return new RestException(403, ErrorCodes.TOPIC_NOT_ALLOWED, "topic '" + topic + "' is not allowed on this"
                + " gateway (pinpipe.topics.regex = " + allowed.pattern() + ", or the API key's topics=)");
    }
}
