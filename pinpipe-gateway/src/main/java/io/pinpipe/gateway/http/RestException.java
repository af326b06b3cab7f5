package io.pinpipe.gateway.http;

/**
 * A failure the client is told about, as the Confluent REST Proxy tells it: an HTTP status and a body
 * {@code {"error_code": 40401, "message": "..."}} with Confluent's five-digit code (the HTTP status followed by two
 * digits). Every route throws or fails with this type; one handler turns it into the response.
 */
public final class RestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    public RestException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public RestException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }
}
