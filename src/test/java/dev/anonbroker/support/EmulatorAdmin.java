package dev.anonbroker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.emulator.EmulatorFlavor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An emulator's admin API over HTTP, as an operator or a test sets users up: create users (with or without the
 * broker's marker, in any audience) and list them. Works for an emulator in this JVM or in its own process.
 *
 * @param baseUrl     the emulator's root URL
 * @param supabase    whether it plays supabase (else netlify)
 * @param adminBearer the operator token (netlify) or a {@code service_role} key (supabase)
 */
public record EmulatorAdmin(String baseUrl, boolean supabase, String adminBearer) {

    /** A user as the admin list shows it. */
    public record ListedUser(String id, String email, boolean marked) {
    }

    /** For an emulator started with {@link TestSecrets}' JWT secret and operator token. */
    public static EmulatorAdmin of(String baseUrl, boolean supabase) {
        return new EmulatorAdmin(baseUrl, supabase,
                BrokerHarness.adminToken(supabase ? EmulatorFlavor.SUPABASE : EmulatorFlavor.NETLIFY));
    }

    /** The broker's marker, as a broker with the given id writes it. */
    public static Map<String, Object> marker(String brokerId) {
        return Map.of("anon_broker", Map.of("broker_id", brokerId, "created_at", "2026-01-01T00:00:00Z"));
    }

    /** {@code POST /admin/users}: a confirmed user; {@code aud} null for the default audience. Returns its id. */
    public String createUser(String email, Map<String, Object> userMetadata, String aud) {
        ObjectNode body = BrokerHarness.JSON.createObjectNode();
        body.put("email", email);
        body.put("password", TestSecrets.random(18));
        body.put(supabase ? "email_confirm" : "confirm", true);
        body.set("user_metadata", BrokerHarness.JSON.valueToTree(userMetadata));
        if (aud != null) {
            body.put("aud", aud);
        }
        HttpResponse<String> response = BrokerHarness.send(request("/admin/users")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("admin create answered " + response.statusCode() + ": " + response.body());
        }
        return BrokerHarness.json(response).get("id").asText();
    }

    /** Supabase: an anonymous sign-in with the given {@code data} (no marker when empty). Returns the user's id. */
    public String signUpAnonymously(Map<String, Object> data) {
        ObjectNode body = BrokerHarness.JSON.createObjectNode();
        body.set("data", BrokerHarness.JSON.valueToTree(data));
        HttpResponse<String> response = BrokerHarness.send(HttpRequest.newBuilder(URI.create(baseUrl + "/signup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("anonymous signup answered " + response.statusCode() + ": " + response.body());
        }
        return BrokerHarness.json(response).path("user").path("id").asText();
    }

    /** Every user of the default audience, via {@code GET /admin/users}. */
    public List<ListedUser> users() {
        HttpResponse<String> response = BrokerHarness.send(request("/admin/users?per_page=100000").GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("admin list answered " + response.statusCode());
        }
        List<ListedUser> users = new ArrayList<>();
        for (JsonNode user : BrokerHarness.json(response).get("users")) {
            users.add(new ListedUser(user.get("id").asText(), user.path("email").asText(""),
                    user.path("user_metadata").has("anon_broker")));
        }
        return users;
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminBearer);
    }
}
