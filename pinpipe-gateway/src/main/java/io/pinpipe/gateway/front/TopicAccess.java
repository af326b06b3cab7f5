package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;

import java.util.regex.Pattern;

/**
 * The topic allow-list ({@code pinpipe.topics.regex}, like a connector's {@code topics.regex}): every route that
 * names a topic checks it here, so a topic outside the list is refused with 403/40301 whatever the route.
 */
public final class TopicAccess {

    private final Pattern allowed;

    public TopicAccess(Pattern allowed) {
        this.allowed = allowed;
    }

    public boolean allowed(String topic) {
        return allowed.matcher(topic).matches();
    }

    /** Throws 403/40301 unless the topic matches the allow-list. */
    public void check(String topic) {
        if (!allowed(topic)) {
            throw new RestException(403, ErrorCodes.TOPIC_NOT_ALLOWED, "topic '" + topic + "' is not allowed on this"
                    + " gateway (pinpipe.topics.regex = " + allowed.pattern() + ")");
        }
    }
}
