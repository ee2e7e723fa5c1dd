package dev.anonbroker.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.support.TestTokens;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the exchange tests need from a frontend and from GoTrue's admin API: marked users and their real access
 * tokens (netlify's gotrue-js flow, supabase's sign-up answering with a session), edits an operator makes, the same
 * token in other spellings, and tokens re-signed with the test secret but with changed claims.
 */
final class ExchangeFixtures {

    static final Map<String, Object> MARKER = EmulatorAdmin.marker("frontend-test");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private ExchangeFixtures() {
    }

    /** A fresh throwaway-looking user made the way a frontend makes it; returns its access token. */
    static String markedUserToken(BrokerHarness broker) {
        return userToken(broker, FrontendGoTrue.throwawayEmail(), MARKER, null);
    }

    /** A user made by the frontend flow of the emulator's flavor, in {@code audience} (null: the default). */
    static String userToken(BrokerHarness broker, String email, Map<String, Object> metadata, String audience) {
        String base = broker.emulator().baseUrl();
        String password = TestSecrets.random(24);
        ObjectNode signup = BrokerHarness.JSON.createObjectNode().put("email", email).put("password", password);
        signup.set("data", BrokerHarness.JSON.valueToTree(metadata));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/signup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(signup.toString()));
        if (audience != null) {
            request.header("X-JWT-AUD", audience);
        }
        HttpResponse<String> created = BrokerHarness.send(request.build());
        if (created.statusCode() != 200) {
            throw new AssertionError("signup answered " + created.statusCode() + ": " + created.body());
        }
        if (supabase(broker)) {
            return BrokerHarness.json(created).get("access_token").asText();
        }
        String form = "grant_type=password&username=" + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest.Builder grant = HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (audience != null) {
            grant.header("X-JWT-AUD", audience);
        }
        HttpResponse<String> tokens = BrokerHarness.send(grant.build());
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token grant answered " + tokens.statusCode());
        }
        return BrokerHarness.json(tokens).get("access_token").asText();
    }

    static boolean supabase(BrokerHarness broker) {
        return broker.emulator().options().flavor() == EmulatorFlavor.SUPABASE;
    }

    static HttpResponse<String> exchange(BrokerHarness broker, String gotrueToken) {
        return broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken);
    }

    /** The decoded payload of a compact JWT. */
    static ObjectNode claims(String token) {
        String payload = token.split("\\.")[1];
        try {
            return (ObjectNode) BrokerHarness.JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static String subject(String token) {
        return claims(token).get("sub").asText();
    }

    /** The token's claims, changed, signed again with the emulator's secret: right secret, wrong claims. */
    static String resigned(BrokerHarness broker, String token, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode claims = claims(token);
        change.accept(claims);
        return TestTokens.hs256(broker.emulator().options().jwtSecret(), claims.toString());
    }

    /**
     * Every other spelling of the token's signature that a lenient base64 decoder reads as the same bytes: the
     * spare bits of its last character set otherwise, each with and without {@code =} padding. The original is not
     * among them.
     */
    static List<String> otherSpellings(String token) {
        int lastDot = token.lastIndexOf('.');
        String head = token.substring(0, lastDot + 1);
        String signature = token.substring(lastDot + 1);
        int spareBits = switch (signature.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> throw new AssertionError("signature length " + signature.length() + " has no spare bits");
        };
        String padding = signature.length() % 4 == 2 ? "==" : "=";
        String body = signature.substring(0, signature.length() - 1);
        int last = ALPHABET.indexOf(signature.charAt(signature.length() - 1));
        int dataBits = last & ~((1 << spareBits) - 1);
        List<String> spellings = new ArrayList<>();
        for (int spare = 0; spare < (1 << spareBits); spare++) {
            String variant = body + ALPHABET.charAt(dataBits | spare);
            if (!variant.equals(signature)) {
                spellings.add(head + variant);
            }
            spellings.add(head + variant + padding);
        }
        return spellings;
    }

    /** The operator removes the broker's marker from the user ({@code PUT /admin/users/{id}}). */
    static void removeMarker(BrokerHarness broker, String userId) {
        adminPut(broker, userId, "{\"user_metadata\":{\"anon_broker\":null}}");
    }

    /** The operator gives the user another {@code role} ({@code PUT /admin/users/{id}}). */
    static void setRole(BrokerHarness broker, String userId, String role) {
        adminPut(broker, userId, "{\"role\":\"" + role + "\"}");
    }

    /** The operator deletes the user ({@code DELETE /admin/users/{id}}). */
    static void deleteUser(BrokerHarness broker, String userId) {
        HttpResponse<String> response = BrokerHarness.send(admin(broker, userId).DELETE().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("admin delete answered " + response.statusCode());
        }
    }

    static boolean userExists(BrokerHarness broker, String userId) {
        return broker.emulator().users().stream().anyMatch(u -> u.id().equals(userId));
    }

    static JsonNode problem(HttpResponse<String> response) {
        return BrokerHarness.json(response);
    }

    private static void adminPut(BrokerHarness broker, String userId, String body) {
        HttpResponse<String> response = BrokerHarness.send(admin(broker, userId)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("admin update answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpRequest.Builder admin(BrokerHarness broker, String userId) {
        String bearer = BrokerHarness.adminToken(broker.emulator().options().flavor());
        return HttpRequest.newBuilder(URI.create(broker.emulator().baseUrl() + "/admin/users/" + userId))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + bearer);
    }
}
