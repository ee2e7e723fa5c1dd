package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.contract.support.ContractTokens;
import dev.anonbroker.emulator.contract.support.TestUsers;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Speaks to one target in its flavor's wire shapes (src/main/docs/guide/gotrue-compatibility.md section 2), on behalf
 * of one check, in one audience: every request carries {@code X-JWT-AUD} unless the driver has none. Remembers the
 * users it creates and deletes them on {@link #close()}, so that a live GoTrue is left as it was found.
 */
final class GoTrueDriver implements AutoCloseable {

    static final String AUDIENCE_HEADER = "X-JWT-AUD";

    private final GoTrueTarget target;
    private final String audience;
    private final List<String> createdIds;

    GoTrueDriver(GoTrueTarget target, String audience) {
        this(target, audience, new ArrayList<>());
    }

    private GoTrueDriver(GoTrueTarget target, String audience, List<String> createdIds) {
        this.target = target;
        this.audience = audience;
        this.createdIds = createdIds;
    }

    /** The same target and clean-up list, another audience; {@code null} sends no {@code X-JWT-AUD}. */
    GoTrueDriver inAudience(String otherAudience) {
        return new GoTrueDriver(target, otherAudience, createdIds);
    }

    GoTrueTarget target() {
        return target;
    }

    Flavor flavor() {
        return target.flavor();
    }

    String audience() {
        return audience;
    }

    /** A request to {@code pathAndQuery}, in this driver's audience, with no credentials. */
    GoTrueRequest call(String method, String pathAndQuery) {
        GoTrueRequest request = new GoTrueRequest(target.baseUrl(), method, pathAndQuery);
        return audience == null ? request : request.header(AUDIENCE_HEADER, audience);
    }

    /** A request carrying an admin credential: N the operator token (or the system-user JWT), S a service_role JWT. */
    GoTrueRequest admin(String method, String pathAndQuery) {
        return call(method, pathAndQuery).bearer(adminToken());
    }

    String adminToken() {
        if (flavor() == Flavor.NETLIFY) {
            return target.operatorToken().orElseGet(() -> ContractTokens.netlifySystemAdmin(target.jwtSecret()));
        }
        return ContractTokens.supabaseServiceRole(target.jwtSecret());
    }

    /** {@code POST /admin/users}, email confirmed or not, with {@code extra} fields added to the body. */
    GoTrueReply createUser(String email, String password, boolean confirmed, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put(flavor() == Flavor.NETLIFY ? "confirm" : "email_confirm", confirmed);
        if (audience != null) {
            body.put("aud", audience);
        }
        body.putAll(extra);
        return remember(admin("POST", "/admin/users").json(body).send(), false);
    }

    /** A user created through the admin API; fails the check unless that answers 200. */
    TestUser user(String label, boolean confirmed) {
        return user(label, confirmed, Map.of());
    }

    TestUser user(String label, boolean confirmed, Map<String, Object> extra) {
        String email = TestUsers.randomEmail(label);
        String password = TestUsers.randomPassword();
        GoTrueReply reply = createUser(email, password, confirmed, extra);
        assertEquals(200, reply.status(), () -> "precondition: admin create failed: " + reply);
        return new TestUser(reply.text("id"), email, password);
    }

    /** {@code POST /signup} with a JSON body; remembers the user it creates. */
    GoTrueReply signup(Map<String, ?> body) {
        return signup(body, Map.of());
    }

    /** {@code POST /signup} with extra request headers (e.g. a rate-limit key). */
    GoTrueReply signup(Map<String, ?> body, Map<String, String> headers) {
        GoTrueRequest request = call("POST", "/signup");
        headers.forEach(request::header);
        return remember(request.json(body).send(), flavor() == Flavor.SUPABASE);
    }

    /** The password grant in the flavor's shape: N form {@code username}, S query {@code grant_type} + JSON. */
    GoTrueReply passwordGrant(String email, String password) {
        if (flavor() == Flavor.NETLIFY) {
            return call("POST", "/token")
                    .form(orderedMap("grant_type", "password", "username", email, "password", password)).send();
        }
        return call("POST", "/token?grant_type=password").json(Map.of("email", email, "password", password)).send();
    }

    GoTrueReply refreshGrant(String refreshToken) {
        if (flavor() == Flavor.NETLIFY) {
            return call("POST", "/token")
                    .form(orderedMap("grant_type", "refresh_token", "refresh_token", refreshToken)).send();
        }
        return call("POST", "/token?grant_type=refresh_token").json(Map.of("refresh_token", refreshToken)).send();
    }

    /** The token response of a successful password grant; fails the check otherwise. */
    JsonNode login(TestUser user) {
        GoTrueReply reply = passwordGrant(user.email(), user.password());
        assertEquals(200, reply.status(), () -> "precondition: login failed: " + reply);
        return reply.json();
    }

    GoTrueReply getUser(String accessToken) {
        return call("GET", "/user").bearer(accessToken).send();
    }

    GoTrueReply logout(String accessToken) {
        return call("POST", "/logout").bearer(accessToken).send();
    }

    /** {@code GET /admin/users} plus {@code query} (e.g. {@code "?per_page=1"}, or {@code ""}). */
    GoTrueReply listUsers(String query) {
        return admin("GET", "/admin/users" + query).send();
    }

    GoTrueReply deleteUser(String id) {
        return admin("DELETE", "/admin/users/" + id).send();
    }

    private GoTrueReply remember(GoTrueReply reply, boolean tokenResponse) {
        if (reply.status() == 200) {
            JsonNode json = reply.json();
            JsonNode id = tokenResponse && json.has("user") ? json.path("user").path("id") : json.path("id");
            if (id.isTextual()) {
                createdIds.add(id.asText());
            }
        }
        return reply;
    }

    /** Deletes every user this driver (or one derived with {@link #inAudience}) created; 404 means already gone. */
    @Override
    public void close() {
        for (String id : createdIds) {
            try {
                deleteUser(id);
            } catch (UncheckedIOException e) {
                return; // the target is gone already (e.g. a stopped emulator): nothing left to clean
            }
        }
        createdIds.clear();
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
