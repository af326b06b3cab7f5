package io.pinpipe.gateway.consumer;

import java.util.Locale;
import java.util.Optional;

/** How a consumer instance hands out keys and values: as embedded JSON, or as base64 of the bytes. */
public enum EmbeddedFormat {

    BINARY("binary", "application/vnd.kafka.binary.v2+json"),
    JSON("json", "application/vnd.kafka.json.v2+json");

    private final String wireName;
    private final String mediaType;

    EmbeddedFormat(String wireName, String mediaType) {
        this.wireName = wireName;
        this.mediaType = mediaType;
    }

    /** The name in a create request's {@code format} field. */
    public String wireName() {
        return wireName;
    }

    /** The content type of a records response in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The format named in a create request; absent means binary, as in Confluent's proxy. */
    static EmbeddedFormat fromRequest(String format) {
        if (format == null) {
            return BINARY;
        }
        String lower = format.toLowerCase(Locale.ROOT);
        for (EmbeddedFormat candidate : values()) {
            if (candidate.wireName.equals(lower)) {
                return candidate;
            }
        }
        throw ConsumerErrors.invalid("Invalid format type '" + format + "': pinpipe's consumers read 'binary' or"
                + " 'json' (no schema registry formats)");
    }

    /**
     * The format a records request asks for with its {@code Accept} header. Like Confluent's proxy, binary is the
     * default for a missing, generic or wildcard Accept; a schema-registry format is named but never matches.
     *
     * @return empty when the header asks for an embedded format pinpipe does not serve (avro, protobuf...)
     */
    static Optional<EmbeddedFormat> fromAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(BINARY);
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        if (lower.contains(JSON.mediaType)) {
            return Optional.of(JSON);
        }
        if (lower.contains(BINARY.mediaType)) {
            return Optional.of(BINARY);
        }
        if (lower.contains("application/vnd.kafka.") && !lower.contains("application/vnd.kafka.v2+json")) {
            return Optional.empty();
        }
        return Optional.of(BINARY);
    }
}
