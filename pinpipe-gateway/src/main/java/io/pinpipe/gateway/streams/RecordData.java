package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.Json;

import java.util.Base64;

/**
 * The rule that turns a request's {@code Data} into the bytes of the Kafka record value:
 * <ul>
 *     <li>a JSON string is base64, as Kinesis requires: the value is the decoded bytes (invalid base64 is a 400);</li>
 *     <li>any other JSON value (object, array, number, boolean) is stored as its compact JSON text in UTF-8 &mdash;
 *     what the course's API Gateway mapping and the pinpipe emulator send;</li>
 *     <li>{@code null} or no {@code Data} is a 400.</li>
 * </ul>
 * At most {@value #MAX_BYTES} bytes (Kinesis' limit for one record).
 */
final class RecordData {

    static final int MAX_BYTES = 1_048_576;

    private RecordData() {
    }

    /**
     * @param where the field's name in the request, for error messages ({@code Data}, {@code Records[3].Data})
     */
    static byte[] bytes(JsonNode data, String where, Json json) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw StreamErrors.invalid(where + " is required");
        }
        byte[] bytes;
        if (data.isTextual()) {
            try {
                bytes = Base64.getDecoder().decode(data.textValue());
            } catch (IllegalArgumentException e) {
                throw StreamErrors.invalid(where + " is a JSON string, so it must be base64 as in Kinesis ("
                        + e.getMessage() + "); send a JSON object, array, number or boolean to store its JSON text"
                        + " as it is");
            }
        } else {
            bytes = json.bytes(data);
        }
        if (bytes.length > MAX_BYTES) {
            throw StreamErrors.invalid(where + " holds " + bytes.length + " bytes; a record may hold at most "
                    + MAX_BYTES);
        }
        return bytes;
    }
}
