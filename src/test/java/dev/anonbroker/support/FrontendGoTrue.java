package dev.anonbroker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a frontend with gotrue-js does against netlify GoTrue: sign up with a JSON body, then log in with the
 * form-encoded password grant. Used to make users for the exchange, with or without the broker's marker.
 */
public final class FrontendGoTrue {

    private FrontendGoTrue() {
    }

    /** Signs up {@code email} with {@code userMetadata} and returns the user's access token. */
    public static String signUpAndLogIn(String gotrueUrl, String email, Map<String, Object> userMetadata) {
        String password = TestSecrets.random(24);
        ObjectNode signup = BrokerHarness.JSON.createObjectNode();
        signup.put("email", email);
        signup.put("password", password);
        signup.set("data", BrokerHarness.JSON.valueToTree(userMetadata));
        HttpResponse<String> created = BrokerHarness.send(HttpRequest.newBuilder(URI.create(gotrueUrl + "/signup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(signup.toString())).build());
        if (created.statusCode() != 200) {
            throw new AssertionError("signup answered " + created.statusCode());
        }
        String form = "grant_type=password&username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> tokens = BrokerHarness.send(HttpRequest.newBuilder(URI.create(gotrueUrl + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        JsonNode body = BrokerHarness.json(tokens);
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token grant answered " + tokens.statusCode());
        }
        return body.get("access_token").asText();
    }

    /** A fresh address of the shape the broker gives its throwaway users: {@code anon-<random>@anon.invalid}. */
    public static String throwawayEmail() {
        return "anon-" + TestSecrets.random(8).toLowerCase() + "@anon.invalid";
    }
}
