package io.pinpipe.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * The one failure handler of the gateway: every failed route, every unmatched path and every failure thrown by any
 * {@link RouteModule} ends here and becomes Confluent's envelope {@code {"error_code": 40401, "message": "..."}}.
 * What a failure means is {@link Failures}' decision. 429 and 503 answers carry {@code Retry-After}. Unexpected
 * failures are logged with their stack trace; the client gets a 500 without internals.
 */
public final class ErrorResponder implements Handler<RoutingContext> {

    private final Json json;
    private final int retryAfterSeconds;

    public ErrorResponder(Json json, int retryAfterSeconds) {
        this.json = json;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public void handle(RoutingContext context) {
        respond(context, forRequest(context, context.statusCode()));
    }

    /** Answers with the envelope of {@code error}, unless the response has already begun. */
    public void respond(RoutingContext context, RestException error) {
        HttpServerResponse response = context.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        ObjectNode body = Json.object();
        body.put("error_code", error.errorCode());
        body.put("message", error.getMessage());
        context.put(RequestAttributes.ERROR_CODE, error.errorCode());
        response.setStatusCode(error.status());
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType(context));
        if (error.status() == 429 || error.status() == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        response.end(json.buffer(body));
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * As {@link #toRestException(Throwable, int)} for the failure of {@code context}; a 413 of Vert.x's body handler
     * names the body limit of the request's route.
     */
    public static RestException forRequest(RoutingContext context, int statusCode) {
        RestException answer = toRestException(context.failure(), statusCode);
        BodyLimit limit = context.get(BodyLimit.ATTRIBUTE);
        if (answer.errorCode() == 413 && limit != null) {
            return new RestException(413, 413, describe(413) + ": " + limit.describe());
        }
        return answer;
    }

    /** Maps any failure (or a bare status from Vert.x) to the envelope's status, code and message. */
    public static RestException toRestException(Throwable failure, int statusCode) {
        Throwable cause = failure == null ? null : Failures.unwrap(failure);
        if (cause instanceof RestException rest) {
            return rest;
        }
        if (cause == null || cause instanceof HttpException || isClientError(statusCode)) {
            // Vert.x's own refusals (no route, body too large, a CORS origin it rejects) carry their status.
            int status = cause instanceof HttpException http ? http.getStatusCode() : statusCode;
            return new RestException(status, status, describe(status));
        }
        return Failures.classify(cause);
    }

    private static boolean isClientError(int status) {
        return status >= 400 && status < 500;
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "HTTP 404 Not Found";
            case 403 -> "HTTP 403 Forbidden";
            case 405 -> "HTTP 405 Method Not Allowed";
            case 413 -> "HTTP 413 Request Entity Too Large: the request body is larger than the gateway accepts";
            case 400 -> "HTTP 400 Bad Request";
            default -> "HTTP " + status;
        };
    }

    private static String contentType(RoutingContext context) {
        if (context.normalizedPath().contains("/v3/")) {
            return MediaTypes.JSON;
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        boolean onlyJson = accept != null && accept.contains(MediaTypes.JSON) && !accept.contains("vnd.kafka")
                && !accept.contains("*/*");
        return onlyJson ? MediaTypes.JSON : MediaTypes.V2;
    }
}
