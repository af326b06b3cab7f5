package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * The consumer groups an HTTP client may join ({@code pinpipe.consumer.groups.regex}, narrowed by the API key's
 * {@code groups=}). The default keeps every client out of the groups the pipeline itself consumes with (Kafka
 * Connect's {@code connect-*}, Spark's {@code spark-kafka-*}): a REST consumer in those groups would take their
 * partitions and commit offsets for records the lake never received.
 */
public final class GroupAccess {

    private final Pattern allowed;

    public GroupAccess(Pattern allowed) {
        this.allowed = allowed;
    }

    /** Throws 403/40304 unless the group matches the allow-list and the request's API key may join it. */
    public void check(RoutingContext request, String group) {
        boolean ok = allowed.matcher(group).matches()
                && ApiKeyCheck.of(request).map(key -> key.mayUseGroup(group)).orElse(true);
        if (!ok) {
            throw new RestException(403, ErrorCodes.GROUP_NOT_ALLOWED, "consumer group '" + group + "' is not"
                    + " allowed on this gateway (pinpipe.consumer.groups.regex = " + allowed.pattern()
                    + ", or the API key's groups=)");
        }
    }
}
