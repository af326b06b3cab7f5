package io.pinpipe.emulator.post;

/**
 * What became of one record of a request: acknowledged by the gateway, or failed with a reason that says whether
 * sending it again may succeed.
 *
 * @param reason null when acknowledged; else a short text that groups like failures ({@code HTTP 404 40401: ...})
 */
public record RecordResult(boolean acknowledged, boolean retriable, String reason) {

    public static final RecordResult ACKNOWLEDGED = new RecordResult(true, false, null);

    public static RecordResult retriable(String reason) {
        return new RecordResult(false, true, reason);
    }

    public static RecordResult failed(String reason) {
        return new RecordResult(false, false, reason);
    }
}
