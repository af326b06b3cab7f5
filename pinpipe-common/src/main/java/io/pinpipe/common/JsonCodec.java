package io.pinpipe.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * The one JSON codec of pinpipe: source records to and from their wire form. Field names and order are the source
 * tables'; datetimes go out as {@code YYYY-MM-DDTHH:MM:SS} and come in as either form {@link Datetimes} accepts.
 * Input is strict: a missing field, a null where the table has none, or an unknown field is an error naming it.
 * Instances are immutable and thread-safe; share {@link #get()}.
 */
public final class JsonCodec {

    private static final JsonCodec INSTANCE = new JsonCodec();

    private final ObjectMapper mapper;

    private JsonCodec() {
        SimpleModule datetimes = new SimpleModule("pinpipe-datetimes")
                .addSerializer(LocalDateTime.class, new DatetimeSerializer())
                .addDeserializer(LocalDateTime.class, new DatetimeDeserializer());
        this.mapper = JsonMapper.builder()
                .addModule(datetimes)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    public static JsonCodec get() {
        return INSTANCE;
    }

    /** The configured mapper, for callers that read or write other JSON with the same datetime rules. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public byte[] toJsonBytes(Object value) {
        return toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads one record of the given table.
     *
     * @throws IllegalArgumentException naming the table and what is wrong when the JSON does not hold such a row
     */
    public <T extends SourceRecord> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public SourceRecord read(String json, SourceTable table) {
        return read(json, table.recordType());
    }

    public SourceRecord read(byte[] json, SourceTable table) {
        return read(new String(json, StandardCharsets.UTF_8), table);
    }

    /** Writes {@code value} and rethrows I/O failures unchecked, for streams that cannot throw. */
    public void write(JsonGenerator generator, Object value) {
        try {
            mapper.writeValue(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class DatetimeSerializer extends JsonSerializer<LocalDateTime> {
        @Override
        public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider serializers)
                throws IOException {
            gen.writeString(Datetimes.format(value));
        }
    }

    private static final class DatetimeDeserializer extends JsonDeserializer<LocalDateTime> {
        @Override
        public LocalDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDateTime) context.handleUnexpectedToken(LocalDateTime.class, parser);
            }
            try {
                return Datetimes.parse(parser.getText());
            } catch (IllegalArgumentException e) {
                return (LocalDateTime) context.handleWeirdStringValue(LocalDateTime.class, parser.getText(),
                        e.getMessage());
            }
        }
    }
}
