package dev.anonbroker.emulator;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The shared Jackson mapper and request-body decoding with the messages Go's {@code encoding/json} would give, since
 * GoTrue quotes its decoder's error in the response.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A copy of {@code node} when it is an object, else {@code fallback}. */
    static ObjectNode objectCopy(JsonNode node, ObjectNode fallback) {
        return node != null && node.isObject() ? ((ObjectNode) node).deepCopy() : fallback;
    }

    /** Parses a request body that must be a JSON object; throws {@link BadJson} with a Go-like message. */
    static ObjectNode parseObject(byte[] body, boolean streamDecoder) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new BadJson(streamDecoder ? "EOF" : "unexpected end of JSON input");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonParseException e) {
            throw new BadJson(goSyntaxMessage(body));
        } catch (java.io.IOException e) {
            throw new BadJson("unexpected end of JSON input");
        }
        if (node == null || node.isMissingNode()) {
            throw new BadJson("unexpected end of JSON input");
        }
        if (!node.isObject()) {
            throw new BadJson("json: cannot unmarshal " + goKind(node) + " into Go value of type struct");
        }
        return (ObjectNode) node;
    }

    private static String goSyntaxMessage(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        char first = text.charAt(0);
        if ("{[\"-0123456789tfn".indexOf(first) < 0) {
            return "invalid character '" + first + "' looking for beginning of value";
        }
        return "unexpected end of JSON input";
    }

    private static String goKind(JsonNode node) {
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.isBoolean() ? "bool" : "null";
    }

    /** A text field, or "" when absent, null or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : "";
    }

    /** Merges {@code patch} into {@code target} key by key; a key set to null is removed (GoTrue metadata updates). */
    static ObjectNode merge(ObjectNode target, JsonNode patch) {
        ObjectNode result = target == null ? object() : target.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return result;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** A request body that is not the expected JSON; the message is what Go's decoder would say. */
    static final class BadJson extends RuntimeException {
        BadJson(String message) {
            super(message, null, false, false);
        }
    }
}
