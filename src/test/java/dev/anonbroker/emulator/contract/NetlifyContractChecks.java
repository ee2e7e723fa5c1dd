package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.contract.support.ContractTokens;
import dev.anonbroker.emulator.contract.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.anonbroker.emulator.contract.ContractAssertions.expectBody;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectErrorPrefix;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectStatus;
import static dev.anonbroker.emulator.contract.ContractAssertions.ids;
import static dev.anonbroker.emulator.contract.ContractAssertions.linkEntries;
import static dev.anonbroker.emulator.contract.ContractAssertions.parse;
import static dev.anonbroker.emulator.contract.Flavor.NETLIFY;
import static dev.anonbroker.emulator.contract.support.TestUsers.credentials;
import static dev.anonbroker.emulator.contract.support.TestUsers.newCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checks of src/main/docs/guide/gotrue-compatibility.md section 6 that apply to netlify/gotrue only ([N]), as JUnit
 * default methods: a contract test of a netlify target implements this beside {@link GoTrueContractSuite}, whose checks
 * apply to both.
 */
interface NetlifyContractChecks extends ContractContext {

    String NETLIFY_BEARER_REQUIRED = "{\"code\":401,\"msg\":\"This endpoint requires a Bearer token\"}";
    String NETLIFY_INVALID_REFRESH =
            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid Refresh Token\"}";
    String NETLIFY_NO_USER =
            "{\"error\":\"invalid_grant\",\"error_description\":\"No user found with that email, or password invalid.\"}";

    @Override
    default Flavor flavor() {
        return NETLIFY;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---------------------------------------------------------------- 2.2, 2.3: health and settings

    @Test
    @DisplayName("check 02 [N]: GET /settings returns boolean disable_signup and autoconfirm, and external.email")
    default void check02NetlifySettingsShowSignupAndAutoconfirm() {
        GoTrueReply reply = gotrue().call("GET", "/settings").send();

        expectStatus(reply, 200);
        JsonNode settings = reply.json();
        assertTrue(settings.path("disable_signup").isBoolean(), reply::toString);
        assertTrue(settings.path("autoconfirm").isBoolean(), reply::toString);
        // The suite needs the email provider, so it is enabled on every target it runs against.
        assertEquals(true, settings.path("external").path("email").booleanValue(), reply::toString);
    }

    // ---------------------------------------------------------------- 2.4, 2.5: signup

    @Test
    @DisplayName("check 04 [N]: signup with autoconfirm on returns a confirmed user object and no tokens")
    default void check04SignupWithAutoconfirmReturnsConfirmedUserWithoutTokens() {
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(true).disableSignup(false));
        Map<String, Object> body = newCredentials();

        GoTrueReply reply = driver.signup(body);

        expectStatus(reply, 200);
        JsonNode user = reply.json();
        assertEquals(body.get("email"), user.path("email").asText(), reply::toString);
        assertTrue(user.path("confirmed_at").isTextual(), () -> "confirmed_at set: " + reply);
        assertEquals(parse("{\"provider\":\"email\"}"), user.path("app_metadata"), reply::toString);
        assertFalse(user.has("access_token"), reply::toString);
    }

    @Test
    @DisplayName("check 05 [N]: signup with autoconfirm off returns confirmation_sent_at and no confirmed_at")
    default void check05SignupWithoutAutoconfirmSendsConfirmation() {
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(false).disableSignup(false));

        GoTrueReply reply = driver.signup(newCredentials());

        expectStatus(reply, 200);
        assertTrue(reply.json().path("confirmation_sent_at").isTextual(), reply::toString);
        assertFalse(reply.json().has("confirmed_at"), reply::toString);
    }

    @Test
    @DisplayName("check 06 [N]: signup with an empty password returns 422 Signup requires a valid password")
    default void check06SignupWithEmptyPasswordIs422() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.signup(credentials(TestUsers.randomEmail("signup"), ""));

        expectBody(reply, 422, "{\"code\":422,\"msg\":\"Signup requires a valid password\"}");
    }

    @Test
    @DisplayName("check 07 [N]: signup with the email of a confirmed user in the same aud returns 400")
    default void check07SignupWithConfirmedEmailIs400() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));
        TestUser existing = driver.user("confirmed", true);

        GoTrueReply reply = driver.signup(credentials(existing.email(), TestUsers.randomPassword()));

        expectBody(reply, 400, "{\"code\":400,\"msg\":\"A user with this email address has already been registered\"}");
    }

    @Test
    @DisplayName("check 08 [N]: signup with GOTRUE_DISABLE_SIGNUP=true returns 403")
    default void check08SignupWhenDisabledIs403() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(true));

        GoTrueReply reply = driver.signup(newCredentials());

        expectBody(reply, 403, "{\"code\":403,\"msg\":\"Signups not allowed for this instance\"}");
    }

    @Test
    @DisplayName("check 09 [N]: signup with an empty body returns 400 Could not read Signup params")
    default void check09SignupWithEmptyBodyIs400() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.call("POST", "/signup").emptyBody().send();

        expectErrorPrefix(NETLIFY, reply, 400, null, "Could not read Signup params:");
    }

    // ---------------------------------------------------------------- 2.6: token

    @Test
    @DisplayName("check 19 [N]: password grant returns exactly access_token, token_type, expires_in, refresh_token")
    default void check19PasswordGrantReturnsExactlyFourKeys() {
        TestUser user = gotrue().user("login", true);

        GoTrueReply reply = gotrue().passwordGrant(user.email(), user.password());

        expectStatus(reply, 200);
        JsonNode tokens = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token"), fieldNames(tokens),
                reply::toString);
        assertEquals("bearer", tokens.path("token_type").asText(), reply::toString);
        assertTrue(tokens.path("expires_in").isIntegralNumber(), reply::toString);
        assertEquals(target().jwtExp().toSeconds(), tokens.path("expires_in").asLong(), reply::toString);
    }

    @Test
    @DisplayName("check 20 [N]: password grant with a wrong password or an unknown email returns 400 invalid_grant")
    default void check20PasswordGrantWithWrongPasswordIsInvalidGrant() {
        TestUser user = gotrue().user("login", true);

        GoTrueReply wrongPassword = gotrue().passwordGrant(user.email(), TestUsers.randomPassword());
        GoTrueReply unknownEmail = gotrue().passwordGrant(TestUsers.randomEmail("nobody"), user.password());

        expectBody(wrongPassword, 400, NETLIFY_NO_USER);
        expectBody(unknownEmail, 400, NETLIFY_NO_USER);
    }

    @Test
    @DisplayName("check 21 [N]: password grant for an unconfirmed user returns 400 Email not confirmed,"
            + " whatever the password")
    default void check21PasswordGrantForUnconfirmedUserIsNotConfirmed() {
        GoTrueDriver driver = unconfirmingTarget();
        TestUser user = driver.user("unconfirmed", false);
        String notConfirmed = "{\"error\":\"invalid_grant\",\"error_description\":\"Email not confirmed\"}";

        GoTrueReply rightPassword = driver.passwordGrant(user.email(), user.password());
        GoTrueReply wrongPassword = driver.passwordGrant(user.email(), TestUsers.randomPassword());

        expectBody(rightPassword, 400, notConfirmed);
        expectBody(wrongPassword, 400, notConfirmed);
    }

    @Test
    @DisplayName("check 22 [N]: POST /token with a JSON body returns 400 unsupported_grant_type")
    default void check22TokenWithJsonBodyIsUnsupportedGrant() {
        TestUser user = gotrue().user("login", true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("grant_type", "password");
        json.put("username", user.email());
        json.put("password", user.password());

        GoTrueReply reply = gotrue().call("POST", "/token").json(json).send();

        expectBody(reply, 400, "{\"error\":\"unsupported_grant_type\"}");
    }

    @Test
    @DisplayName("check 23 [N]: refresh grant rotates the refresh token; reusing the old one returns 400")
    default void check23RefreshGrantRotatesRefreshToken() {
        String first = gotrue().login(gotrue().user("refresh", true)).path("refresh_token").asText();

        GoTrueReply refreshed = gotrue().refreshGrant(first);
        GoTrueReply reused = gotrue().refreshGrant(first);

        expectStatus(refreshed, 200);
        assertFalse(refreshed.text("refresh_token").isEmpty(), refreshed::toString);
        assertNotEquals(first, refreshed.text("refresh_token"), refreshed::toString);
        expectBody(reused, 400, NETLIFY_INVALID_REFRESH);
    }

    @Test
    @DisplayName("check 24 [N]: refresh grant without refresh_token returns 400 invalid_request")
    default void check24RefreshGrantWithoutTokenIsInvalidRequest() {
        GoTrueReply reply = gotrue().call("POST", "/token").form(Map.of("grant_type", "refresh_token")).send();

        expectBody(reply, 400, "{\"error\":\"invalid_request\",\"error_description\":\"refresh_token required\"}");
    }

    // ---------------------------------------------------------------- 3: access-token JWT

    @Test
    @DisplayName("check 30 [N]: access token header is HS256/nf-ident/JWT; claims exp, sub, email, metadata,"
            + " string aud only when set")
    default void check30NetlifyAccessTokenHasKidAndNoRole() {
        TestUser user = gotrue().user("jwt", true);
        String token = gotrue().login(user).path("access_token").asText();

        assertEquals(parse("{\"alg\":\"HS256\",\"kid\":\"nf-ident\",\"typ\":\"JWT\"}"), ContractTokens.header(token));
        JsonNode claims = ContractTokens.claims(token);
        assertEquals(Set.of("aud", "exp", "sub", "email", "app_metadata", "user_metadata"), fieldNames(claims),
                claims::toString);
        assertTrue(claims.path("aud").isTextual(), claims::toString);
        assertEquals(gotrue().audience(), claims.path("aud").asText());
        assertEquals(user.id(), claims.path("sub").asText());
        assertEquals(user.email(), claims.path("email").asText());
        assertTrue(claims.path("exp").isIntegralNumber(), claims::toString);
        assertNoAudienceClaimWhenUserHasNone();
    }

    /** Check 30, second half: in the default audience (empty on netlify unless GOTRUE_JWT_AUD is set). */
    private void assertNoAudienceClaimWhenUserHasNone() {
        GoTrueDriver defaultAudience = gotrue().inAudience(null);
        String email = TestUsers.randomEmail("jwt");
        String password = TestUsers.randomPassword();
        GoTrueReply created = defaultAudience.createUser(email, password, true, Map.of());
        expectStatus(created, 200);
        String userAud = created.json().path("aud").asText("");

        String token = defaultAudience.login(new TestUser(created.text("id"), email, password))
                .path("access_token").asText();

        JsonNode claims = ContractTokens.claims(token);
        if (userAud.isEmpty()) {
            assertEquals(Set.of("exp", "sub", "email", "app_metadata", "user_metadata"), fieldNames(claims),
                    claims::toString);
        } else {
            assertEquals(userAud, claims.path("aud").textValue(), claims::toString);
        }
    }

    // ---------------------------------------------------------------- 2.7, 2.8: user and logout

    @Test
    @DisplayName("check 33 [N]: GET /user without Authorization returns 401 This endpoint requires a Bearer token")
    default void check33UserWithoutBearerIs401() {
        GoTrueReply reply = gotrue().call("GET", "/user").send();

        expectBody(reply, 401, NETLIFY_BEARER_REQUIRED);
    }

    @Test
    @DisplayName("check 34 [N]: GET /user with an expired or badly signed token returns 401 Invalid token")
    default void check34UserWithBadTokenIs401() {
        TestUser user = gotrue().user("user", true);
        GoTrueReply expiredReply = gotrue().getUser(ContractTokens.expired(target().jwtSecret(), user.id()));
        GoTrueReply badlySigned = gotrue().getUser(ContractTokens.signedWithUnknownSecret(user.id()));

        expectErrorPrefix(NETLIFY, expiredReply, 401, null, "Invalid token: ");
        expectErrorPrefix(NETLIFY, badlySigned, 401, null, "Invalid token: ");
    }

    @Test
    @DisplayName("check 37 [N]: GET /user with the token of a deleted user returns 404 User not found")
    default void check37UserOfDeletedUserIs404() {
        TestUser user = gotrue().user("deleted", true);
        String token = gotrue().login(user).path("access_token").asText();
        expectStatus(gotrue().deleteUser(user.id()), 200);

        GoTrueReply reply = gotrue().getUser(token);

        expectBody(reply, 404, "{\"code\":404,\"msg\":\"User not found\"}");
    }

    @Test
    @DisplayName("check 39 [N]: after logout the access token still works at /user, the refresh token does not")
    default void check39LogoutKeepsAccessTokenButRevokesRefreshTokens() {
        JsonNode tokens = gotrue().login(gotrue().user("logout", true));
        String accessToken = tokens.path("access_token").asText();

        GoTrueReply logout = gotrue().logout(accessToken);
        GoTrueReply user = gotrue().getUser(accessToken);
        GoTrueReply refresh = gotrue().refreshGrant(tokens.path("refresh_token").asText());

        expectStatus(logout, 204);
        expectStatus(user, 200);
        expectBody(refresh, 400, NETLIFY_INVALID_REFRESH);
    }

    // ---------------------------------------------------------------- 4: admin authorization

    @Test
    @DisplayName("check 41 [N]: GET /admin/users without Authorization returns 401, with a normal user's JWT"
            + " 401 User not allowed")
    default void check41AdminWithoutAdminRightsIs401() {
        String userToken = gotrue().login(gotrue().user("normal", true)).path("access_token").asText();

        GoTrueReply missing = gotrue().call("GET", "/admin/users").send();
        GoTrueReply normalUser = gotrue().call("GET", "/admin/users").bearer(userToken).send();

        expectBody(missing, 401, NETLIFY_BEARER_REQUIRED);
        expectBody(normalUser, 401, "{\"code\":401,\"msg\":\"User not allowed\"}");
    }

    @Test
    @DisplayName("check 42 [N]: GET /admin/users with the operator token returns 200")
    default void check42AdminWithOperatorTokenIs200() {
        assumeTrue(target().operatorToken().isPresent(), "the operator token of this target is not known");

        GoTrueReply reply = gotrue().call("GET", "/admin/users").bearer(target().operatorToken().orElseThrow()).send();

        expectStatus(reply, 200);
        assertTrue(reply.json().path("users").isArray(), reply::toString);
    }

    @Test
    @DisplayName("check 43 [N]: GET /admin/users with a system-user JWT (sub \"0\") returns 200")
    default void check43AdminWithSystemUserTokenIs200() {
        GoTrueReply reply = gotrue().call("GET", "/admin/users")
                .bearer(ContractTokens.netlifySystemAdmin(target().jwtSecret())).send();

        expectStatus(reply, 200);
        assertTrue(reply.json().path("users").isArray(), reply::toString);
    }

    @Test
    @DisplayName("check 44 [N]: an admin request with a JWT for a sub that does not exist returns 401"
            + " Invalid admin user")
    default void check44AdminWithUnknownSubIs401() {
        String token = ContractTokens.hs256(target().jwtSecret(),
                Map.of("sub", ContractTokens.unknownSub(), "exp", ContractTokens.epochIn(Duration.ofMinutes(5))));

        GoTrueReply reply = gotrue().call("GET", "/admin/users").bearer(token).send();

        expectBody(reply, 401, "{\"code\":401,\"msg\":\"Invalid admin user\"}");
    }

    @Test
    @DisplayName("check 45 [N]: a user with role admin is admin in its own aud, not in another")
    default void check45AdminRoleCountsOnlyInOwnAudience() {
        TestUser admin = gotrue().user("admin", true, Map.of("role", "admin"));
        String token = gotrue().login(admin).path("access_token").asText();

        GoTrueReply ownAudience = gotrue().call("GET", "/admin/users").bearer(token).send();
        GoTrueReply otherAudience = gotrue().call("GET", "/admin/users").bearer(token)
                .header(GoTrueDriver.AUDIENCE_HEADER, TestUsers.randomAudience()).send();

        expectStatus(ownAudience, 200);
        assertTrue(ids(ownAudience).contains(admin.id()), ownAudience::toString);
        expectBody(otherAudience, 401, "{\"code\":401,\"msg\":\"User not allowed\"}");
    }

    // ---------------------------------------------------------------- 2.9: list users

    @Test
    @DisplayName("check 50 [N]: with 3 users and per_page=1 the Link header has next and last; page 2 adds prev")
    default void check50NetlifyLinksHaveNextPrevLast() {
        for (int i = 0; i < 3; i++) {
            gotrue().user("page", true);
        }

        GoTrueReply firstPage = gotrue().listUsers("?per_page=1");
        GoTrueReply secondPage = gotrue().listUsers("?page=2&per_page=1");

        expectStatus(firstPage, 200);
        assertEquals("</admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=3&per_page=1>; rel=\"last\"",
                firstPage.header("Link").orElse(null), firstPage::toString);
        expectStatus(secondPage, 200);
        assertEquals(Set.of("</admin/users?page=3&per_page=1>; rel=\"next\"",
                        "</admin/users?page=1&per_page=1>; rel=\"prev\"",
                        "</admin/users?page=3&per_page=1>; rel=\"last\""),
                new HashSet<>(linkEntries(secondPage)), secondPage::toString);
    }

    // ---------------------------------------------------------------- 2.10, 2.12: create and delete

    @Test
    @DisplayName("check 56 [N]: POST /admin/users with confirm creates a confirmed email user; a duplicate gets 422")
    default void check56NetlifyAdminCreateConfirmsAndRejectsDuplicate() {
        String email = TestUsers.randomEmail("admin");
        String password = TestUsers.randomPassword();

        GoTrueReply created = gotrue().createUser(email, password, true, Map.of());
        GoTrueReply duplicate = gotrue().createUser(email, password, true, Map.of());

        expectStatus(created, 200);
        assertTrue(created.json().path("confirmed_at").isTextual(), created::toString);
        assertEquals("email", created.json().path("app_metadata").path("provider").asText(), created::toString);
        expectBody(duplicate, 422, "{\"code\":422,\"msg\":\"Email address already registered by another user\"}");
    }

    @Test
    @DisplayName("check 59 [N]: DELETE /admin/users/not-a-uuid returns 400 user_id must be an UUID")
    default void check59NetlifyDeleteWithBadIdIs400() {
        GoTrueReply reply = gotrue().deleteUser("not-a-uuid");

        expectBody(reply, 400, "{\"code\":400,\"msg\":\"user_id must be an UUID\"}");
    }

    // ---------------------------------------------------------------- 2.14: rate limits

    @Test
    @DisplayName("check 62 [N]: with GOTRUE_RATE_LIMIT_HEADER=X-Client-IP the 31st POST /token from one value gets 429")
    default void check62TokenRateLimitIs30PerHeaderValue() {
        GoTrueDriver driver = on(TargetSetup.any().rateLimitHeader("X-Client-IP"));
        String client = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 250);

        for (int request = 1; request <= 30; request++) {
            GoTrueReply reply = failedLogin(driver, client);
            int number = request;
            assertEquals(400, reply.status(), () -> "request " + number + " should not be limited: " + reply);
        }
        GoTrueReply limited = failedLogin(driver, client);
        GoTrueReply otherClient = failedLogin(driver, client + "1");

        expectBody(limited, 429, "{\"code\":429,\"msg\":\"Rate limit exceeded\"}");
        expectBody(otherClient, 400, NETLIFY_NO_USER);
    }

    @Test
    @DisplayName("check 63 [N]: without GOTRUE_RATE_LIMIT_HEADER, POST /token is never answered 429")
    default void check63TokenWithoutRateLimitHeaderIsNeverLimited() {
        GoTrueDriver driver = on(TargetSetup.any().rateLimitHeader(TargetSetup.NO_HEADER));

        for (int request = 1; request <= 40; request++) {
            GoTrueReply reply = failedLogin(driver, "198.51.100.7");
            int number = request;
            assertEquals(400, reply.status(), () -> "request " + number + " should not be limited: " + reply);
        }
    }

    private static GoTrueReply failedLogin(GoTrueDriver driver, String clientIp) {
        return driver.call("POST", "/token").header("X-Client-IP", clientIp)
                .form(Map.of("grant_type", "password", "username", TestUsers.randomEmail("nobody"),
                        "password", "wrong")).send();
    }
}
