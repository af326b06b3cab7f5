package io.pinpipe.gateway.consumer;

/**
 * What a records read reserves in the gateway's memory budget ({@code pinpipe.inflight.max.bytes}) before it is
 * handed to its instance: its byte limit (key and value bytes, as {@code max_bytes} counts them) times how much an
 * answer grows over those bytes while it is built. The answer is held twice, as the buffer it is written into and
 * as the copy handed to the response:
 * <ul>
 *   <li>{@code binary}: base64 makes each copy 4/3 of the bytes, so 8/3, rounded up to {@value #BINARY_GROWTH};</li>
 *   <li>{@code json}: values are copied as they are (plus the text decoded once to check it), allowed
 *       {@value #JSON_GROWTH}.</li>
 * </ul>
 * The envelope of each record (topic, partition, offset) is not counted: it is small beside any but tiny records.
 */
final class ReadMemory {

    static final int BINARY_GROWTH = 3;
    static final int JSON_GROWTH = 4;

    private ReadMemory() {
    }

    /** The bytes to reserve for a read answering at most {@code maxBytes} key and value bytes. */
    static long reservationFor(EmbeddedFormat format, long maxBytes) {
        return maxBytes * growth(format);
    }

    /**
     * The byte limit a read may answer with inside {@code reserved} bytes (at least 1: a read always hands out the
     * next record, however large).
     */
    static long limitWithin(EmbeddedFormat format, long reserved) {
        return Math.max(1, reserved / growth(format));
    }

    private static int growth(EmbeddedFormat format) {
        return format == EmbeddedFormat.BINARY ? BINARY_GROWTH : JSON_GROWTH;
    }
}
