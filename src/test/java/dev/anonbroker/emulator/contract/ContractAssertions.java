package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on GoTrue replies that show the whole exchange when they fail. */
final class ContractAssertions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractAssertions() {
    }

    static void expectStatus(GoTrueReply reply, int status) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
    }

    /** Status and a body equal, as JSON, to {@code expectedJson}: same keys, same values, nothing more. */
    static void expectBody(GoTrueReply reply, int status, String expectedJson) {
        expectStatus(reply, status);
        assertEquals(parse(expectedJson), reply.json(), () -> "body of " + reply);
    }

    /**
     * The flavor's ordinary error body (src/main/docs/guide/gotrue-compatibility.md section 1), exactly: N
     * {@code {"code","msg"}}, S {@code {"code","error_code","msg"}}. {@code errorCode} is ignored for N.
     */
    static void expectError(Flavor flavor, GoTrueReply reply, int status, String errorCode, String msg) {
        ObjectNode expected = JSON.createObjectNode().put("code", status);
        if (flavor == Flavor.SUPABASE) {
            expected.put("error_code", errorCode);
        }
        expected.put("msg", msg);
        expectStatus(reply, status);
        assertEquals(expected, reply.json(), () -> "body of " + reply);
    }

    /**
     * Like {@link #expectError}, but {@code msg} need only start with {@code msgPrefix}, other fields may be present,
     * and a null {@code errorCode} is not checked.
     */
    static void expectErrorPrefix(Flavor flavor, GoTrueReply reply, int status, String errorCode, String msgPrefix) {
        expectStatus(reply, status);
        JsonNode body = reply.json();
        assertEquals(status, body.path("code").asInt(-1), () -> "code in " + reply);
        if (flavor == Flavor.SUPABASE && errorCode != null) {
            assertEquals(errorCode, body.path("error_code").asText(null), () -> "error_code in " + reply);
        }
        assertTrue(body.path("msg").asText("").startsWith(msgPrefix),
                () -> "msg should start with '" + msgPrefix + "' in " + reply);
    }

    /** The entries of the {@code Link} header, e.g. {@code </admin/users?page=1>; rel="last"}. */
    static List<String> linkEntries(GoTrueReply reply) {
        String link = reply.header("Link").orElseThrow(() -> new AssertionError("no Link header in " + reply));
        return Arrays.stream(link.split(",\\s*")).map(String::trim).toList();
    }

    /** The {@code id} of each user of a {@code GET /admin/users} reply, in listed order. */
    static List<String> ids(GoTrueReply list) {
        List<String> ids = new ArrayList<>();
        for (JsonNode user : list.json().path("users")) {
            ids.add(user.path("id").asText());
        }
        return ids;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
