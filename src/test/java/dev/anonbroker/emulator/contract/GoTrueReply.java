package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** One GoTrue answer as it came over the wire: status, headers and the raw body. */
record GoTrueReply(String request, int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; fails the check, showing the body, when it is not JSON. */
    JsonNode json() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new AssertionError("expected a JSON body, got an empty one: " + this);
            }
            return node;
        } catch (IOException e) {
            throw new AssertionError("expected a JSON body: " + this, e);
        }
    }

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** A field of the JSON body, as text; fails the check when the field is missing. */
    String text(String field) {
        JsonNode value = json().get(field);
        if (value == null || value.isNull()) {
            throw new AssertionError("expected field '" + field + "' in " + this);
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return request + " -> HTTP " + status + " " + body;
    }
}
