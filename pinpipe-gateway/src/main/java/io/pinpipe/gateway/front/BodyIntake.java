package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.BodyLimit;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RequestAttributes;
import io.pinpipe.gateway.http.RestException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Receiving a request body within bounds: {@link #admit} runs before the body handler, {@link #charge} after it.
 *
 * <ul>
 *   <li>A declared body larger than the route's limit is refused before it is read (413).</li>
 *   <li>The body's bytes are reserved in the {@link MemoryBudget} before they are read (the declared length, or the
 *       route's limit when none is declared); once read, the reservation grows to cover the parsed JSON
 *       ({@link JsonCost}). A request that does not fit now answers 503/50304 with Retry-After, one that could never
 *       fit 413/41302. The reservation is released when the response ends or the connection closes.</li>
 *   <li>A body that has not fully arrived within the read timeout (a client trickling a byte a second) is answered
 *       408/40801 and its connection closed.</li>
 * </ul>
 *
 * A consumer's records read, which has no body, reserves its answer through {@link #reserveAnswer} the same way.
 *
 * <p>A refusal before the body was read closes the connection after the answer: the unread rest of the body must not
 * be taken for the next request.
 */
public final class BodyIntake {

    private static final String RESERVED = "pinpipe.body.reserved";
    private static final String TIMER = "pinpipe.body.timer";

    private final MemoryBudget budget;
    private final long readTimeoutMs;

    public BodyIntake(MemoryBudget budget, long readTimeoutMs) {
        this.budget = budget;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** Before the body handler of a route whose bodies may hold at most {@code limit} bytes. */
    public Handler<RoutingContext> admit(BodyLimit limit) {
        long bodyLimit = limit.bytes();
        return context -> {
            if (context.get(RESERVED) != null) {
                // A route-specific intake ran already; this is the catch-all one.
                context.next();
                return;
            }
            // Kept for the error responder: a chunked body that outgrows the limit is refused by the body handler.
            context.put(BodyLimit.ATTRIBUTE, limit);
            HttpServerRequest request = context.request();
            long declared = declaredLength(request);
            if (declared > bodyLimit) {
                refuseUnread(context, new RestException(413, 413, "HTTP 413 Request Entity Too Large: the body has "
                        + declared + " bytes; " + limit.describe()));
                return;
            }
            long toReserve = declared >= 0 ? declared : mayHaveBody(request) ? bodyLimit : 0;
            if (!reserve(context, toReserve, true)) {
                return;
            }
            long timer = context.vertx().setTimer(readTimeoutMs, fired -> {
                if (!request.isEnded()) {
                    refuseUnread(context, new RestException(408, ErrorCodes.BODY_TIMEOUT, "Request Timeout: the"
                            + " body did not arrive within " + readTimeoutMs
                            + " ms (pinpipe.request.read.timeout.ms)"));
                }
            });
            context.put(TIMER, timer);
            context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
            context.next();
        };
    }

    /**
     * After the body handler: the request is marked received (its produce deadline runs from here), and the
     * reservation now covers the body as read and its parsed JSON.
     */
    public Handler<RoutingContext> charge() {
        return context -> {
            Long timer = context.remove(TIMER);
            if (timer == null) {
                context.next();
                return;
            }
            context.vertx().cancelTimer(timer);
            context.put(RequestAttributes.RECEIVED_NANOS, System.nanoTime());
            long needed = JsonCost.of(context.body() == null ? null : context.body().buffer());
            long held = context.<long[]>get(RESERVED)[0];
            if (needed <= held) {
                release(context, held - needed);
                context.next();
            } else if (reserve(context, needed - held, false)) {
                context.next();
            }
        };
    }

    /**
     * Reserves memory for an answer this request will build (a consumer's records read), held until the response
     * ends, and returns how many bytes were reserved. A need larger than the budget could ever give is clamped to what
     * it can (the whole capacity less what the request holds already): the caller shrinks its answer to fit, which a
     * read may always do.
     *
     * @throws RestException 503/50304 when the bytes do not fit next to what other requests hold now
     */
    public static long reserveAnswer(RoutingContext context, MemoryBudget budget, long wanted) {
        long[] held = context.get(RESERVED);
        long bytes = budget.tryReserveClamped(wanted, held == null ? 0 : held[0]);
        if (bytes == 0) {
            throw spent();
        }
        hold(context, budget, held, bytes);
        return bytes;
    }

    /** Reserves more for this request; on refusal the request is failed and false returned. */
    private boolean reserve(RoutingContext context, long bytes, boolean bodyUnread) {
        long[] held = context.get(RESERVED);
        long total = (held == null ? 0 : held[0]) + bytes;
        RestException refusal = null;
        if (total > budget.capacity()) {
            refusal = new RestException(413, ErrorCodes.TOO_LARGE_TO_PROCESS, "HTTP 413 Request Entity Too Large:"
                    + " handling this request would take about " + total + " bytes of memory, more than the gateway"
                    + " gives all requests together (pinpipe.inflight.max.bytes = " + budget.capacity() + ")");
        } else if (!budget.tryReserve(bytes)) {
            refusal = spent();
        }
        if (refusal != null) {
            if (bodyUnread) {
                refuseUnread(context, refusal);
            } else {
                context.fail(refusal);
            }
            return false;
        }
        hold(context, budget, held, bytes);
        return true;
    }

    /** Adds {@code bytes}, already reserved in the budget, to what the request holds until its response ends. */
    private static void hold(RoutingContext context, MemoryBudget budget, long[] held, long bytes) {
        if (held == null) {
            long[] reserved = {bytes};
            context.put(RESERVED, reserved);
            context.addEndHandler(ended -> budget.release(reserved[0]));
        } else {
            held[0] += bytes;
        }
    }

    private static RestException spent() {
        return new RestException(503, ErrorCodes.MEMORY_BUDGET_SPENT, "the gateway's memory for requests in flight is"
                + " spent (pinpipe.inflight.max.bytes); retry after the Retry-After delay");
    }

    private void release(RoutingContext context, long bytes) {
        long[] held = context.get(RESERVED);
        held[0] -= bytes;
        budget.release(bytes);
    }

    /** Answers {@code refusal} and closes the connection, whose unread body bytes cannot be skipped safely. */
    private static void refuseUnread(RoutingContext context, RestException refusal) {
        HttpServerRequest request = context.request();
        if (request.version() != HttpVersion.HTTP_2) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            context.addEndHandler(ended -> request.connection().close());
        }
        if (context.failed() || context.response().ended()) {
            request.connection().close();
            return;
        }
        context.fail(refusal);
    }

    /** The Content-Length, or -1 when none (or an invalid one) is declared. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Math.max(-1, Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** HTTP/1 sends a body without Content-Length only chunked; HTTP/2 may send one on any open stream. */
    private static boolean mayHaveBody(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2 && !request.isEnded();
    }
}
