package dev.anonbroker.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What to answer: a status, headers and an optional JSON body; {@link #DROP} closes the connection unanswered. */
final class Reply {

    static final Reply DROP = new Reply(-1, null);

    final int status;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static Reply json(int status, JsonNode node) {
        try {
            Reply reply = new Reply(status, Json.MAPPER.writeValueAsBytes(node));
            reply.headers.put("Content-Type", "application/json");
            return reply;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Reply ok(JsonNode node) {
        return json(200, node);
    }

    static Reply noContent() {
        return new Reply(204, null);
    }

    boolean dropped() {
        return status < 0;
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
