package io.pinpipe.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Builds a JSON tree in which every number keeps its text: decimals and non-canonical integers ({@code -0}) become
 * {@link ExactNumberNode}s, other integers the usual int, long or big-integer nodes (whose text is already exact). So
 * a value read and written again is the value the client sent, byte for byte in its numbers. Nesting depth and
 * duplicate keys are the parser's business ({@link Json} configures it); the recursion is bounded by that depth.
 */
final class ExactTreeDeserializer extends StdDeserializer<JsonNode> {

    private static final long serialVersionUID = 1L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    ExactTreeDeserializer() {
        super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return read(parser, parser.currentToken(), context);
    }

    @Override
    public JsonNode getNullValue(DeserializationContext context) {
        return NODES.nullNode();
    }

    private JsonNode read(JsonParser parser, JsonToken token, DeserializationContext context) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser, context);
            case START_ARRAY -> array(parser, context);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> new ExactNumberNode(parser.getText(), false);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> (JsonNode) context.handleUnexpectedToken(JsonNode.class, parser);
        };
    }

    private ObjectNode object(JsonParser parser, DeserializationContext context) throws IOException {
        ObjectNode object = NODES.objectNode();
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            object.set(name, read(parser, parser.nextToken(), context));
        }
        return object;
    }

    private ArrayNode array(JsonParser parser, DeserializationContext context) throws IOException {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(read(parser, token, context));
        }
        return array;
    }

    /** JSON integers have one spelling per value, except {@code -0}, which would come back as {@code 0}. */
    private static JsonNode integer(JsonParser parser) throws IOException {
        if (parser.getTextLength() == 2 && "-0".equals(parser.getText())) {
            return new ExactNumberNode("-0", true);
        }
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }
}
