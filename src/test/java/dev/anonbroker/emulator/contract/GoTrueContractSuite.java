package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.contract.GoTrueTarget.TargetLease;
import dev.anonbroker.emulator.contract.support.ContractTokens;
import dev.anonbroker.emulator.contract.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.anonbroker.emulator.contract.ContractAssertions.expectBody;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectError;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectErrorPrefix;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectStatus;
import static dev.anonbroker.emulator.contract.ContractAssertions.linkEntries;
import static dev.anonbroker.emulator.contract.ContractAssertions.parse;
import static dev.anonbroker.emulator.contract.Flavor.NETLIFY;
import static dev.anonbroker.emulator.contract.Flavor.SUPABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GoTrue conformance checks of gotrue-contract.md section 6, one test per numbered check, written once and run
 * over HTTP against every target a subclass provides (micronaut-core's http-client TCK is the model). A check of the
 * other flavor is skipped by an assumption, so a flavor's report runs exactly its own checks.
 *
 * <p>Each test works in a fresh random audience ({@code X-JWT-AUD}), so user counts and listings see only the users
 * that test created; those users are deleted afterwards. Checks that need another server configuration get a target
 * for it from {@link GoTrueTarget#acquire} (a fresh emulator, or a skip on a live server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoTrueContractSuite {

    private static final String NETLIFY_BEARER_REQUIRED = "{\"code\":401,\"msg\":\"This endpoint requires a Bearer token\"}";
    private static final String SUPABASE_BEARER_REQUIRED = "This endpoint requires a valid Bearer token";
    private static final String NETLIFY_INVALID_REFRESH =
            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid Refresh Token\"}";
    private static final String NETLIFY_NO_USER =
            "{\"error\":\"invalid_grant\",\"error_description\":\"No user found with that email, or password invalid.\"}";

    private GoTrueTarget target;
    private GoTrueDriver gotrue;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    /** The target of this run; called once per test class. */
    protected abstract GoTrueTarget openTarget();

    @BeforeAll
    void startTarget() {
        target = openTarget();
    }

    @AfterAll
    void stopTarget() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void freshAudience() {
        gotrue = new GoTrueDriver(target, TestUsers.randomAudience());
    }

    @AfterEach
    void cleanUp() throws Exception {
        gotrue.close();
        Collections.reverse(perTest);
        for (AutoCloseable resource : perTest) {
            resource.close();
        }
        perTest.clear();
    }

    /** Skips the running check unless the target is of {@code flavor}. */
    private void only(Flavor flavor) {
        assumeTrue(target.flavor() == flavor, () -> "check applies to the " + flavor + " flavor only");
    }

    /** A driver, in a fresh audience, on a target configured as {@code setup} needs; released after the test. */
    private GoTrueDriver on(TargetSetup setup) {
        TargetLease lease = target.acquire(setup);
        perTest.add(lease);
        GoTrueDriver driver = new GoTrueDriver(lease.target(), TestUsers.randomAudience());
        perTest.add(driver);
        return driver;
    }

    /**
     * A driver on a target with autoconfirm off, where an admin-created user without {@code confirm} /
     * {@code email_confirm} is surely unconfirmed: the contract does not say whether GOTRUE_MAILER_AUTOCONFIRM
     * applies to admin creation.
     */
    private GoTrueDriver unconfirmingTarget() {
        return on(TargetSetup.any().autoconfirm(false));
    }

    private static Map<String, Object> credentials(String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("password", password);
        return body;
    }

    private static Map<String, Object> newCredentials() {
        return credentials(TestUsers.randomEmail("signup"), TestUsers.randomPassword());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> ids(GoTrueReply list) {
        List<String> ids = new ArrayList<>();
        for (JsonNode user : list.json().path("users")) {
            ids.add(user.path("id").asText());
        }
        return ids;
    }

    // ---------------------------------------------------------------- 2.2, 2.3: health and settings

    @Test
    @DisplayName("check 01 [N,S]: GET /health returns 200 with name, description and a string version")
    void check01HealthNamesGoTrue() {
        GoTrueReply reply = gotrue.call("GET", "/health").send();

        expectStatus(reply, 200);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"), reply::toString);
        assertEquals("GoTrue", reply.text("name"));
        assertEquals("GoTrue is a user registration and authentication API", reply.text("description"));
        assertTrue(reply.json().path("version").isTextual(), reply::toString);
    }

    @Test
    @DisplayName("check 02 [N]: GET /settings returns boolean disable_signup and autoconfirm, and external.email")
    void check02NetlifySettingsShowSignupAndAutoconfirm() {
        only(NETLIFY);
        GoTrueReply reply = gotrue.call("GET", "/settings").send();

        expectStatus(reply, 200);
        JsonNode settings = reply.json();
        assertTrue(settings.path("disable_signup").isBoolean(), reply::toString);
        assertTrue(settings.path("autoconfirm").isBoolean(), reply::toString);
        // The suite needs the email provider, so it is enabled on every target it runs against.
        assertEquals(true, settings.path("external").path("email").booleanValue(), reply::toString);
    }

    @Test
    @DisplayName("check 03 [S]: GET /settings returns disable_signup, mailer_autoconfirm, external.anonymous_users"
            + " and no autoconfirm key")
    void check03SupabaseSettingsShowMailerAutoconfirmAndAnonymous() {
        only(SUPABASE);
        GoTrueReply reply = gotrue.call("GET", "/settings").send();

        expectStatus(reply, 200);
        JsonNode settings = reply.json();
        assertTrue(settings.path("disable_signup").isBoolean(), reply::toString);
        assertTrue(settings.path("mailer_autoconfirm").isBoolean(), reply::toString);
        assertTrue(settings.path("external").path("anonymous_users").isBoolean(), reply::toString);
        assertFalse(settings.has("autoconfirm"), reply::toString);
    }

    // ---------------------------------------------------------------- 2.4, 2.5: signup

    @Test
    @DisplayName("check 04 [N]: signup with autoconfirm on returns a confirmed user object and no tokens")
    void check04SignupWithAutoconfirmReturnsConfirmedUserWithoutTokens() {
        only(NETLIFY);
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
    void check05SignupWithoutAutoconfirmSendsConfirmation() {
        only(NETLIFY);
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(false).disableSignup(false));

        GoTrueReply reply = driver.signup(newCredentials());

        expectStatus(reply, 200);
        assertTrue(reply.json().path("confirmation_sent_at").isTextual(), reply::toString);
        assertFalse(reply.json().has("confirmed_at"), reply::toString);
    }

    @Test
    @DisplayName("check 06 [N]: signup with an empty password returns 422 Signup requires a valid password")
    void check06SignupWithEmptyPasswordIs422() {
        only(NETLIFY);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.signup(credentials(TestUsers.randomEmail("signup"), ""));

        expectBody(reply, 422, "{\"code\":422,\"msg\":\"Signup requires a valid password\"}");
    }

    @Test
    @DisplayName("check 07 [N]: signup with the email of a confirmed user in the same aud returns 400")
    void check07SignupWithConfirmedEmailIs400() {
        only(NETLIFY);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));
        TestUser existing = driver.user("confirmed", true);

        GoTrueReply reply = driver.signup(credentials(existing.email(), TestUsers.randomPassword()));

        expectBody(reply, 400, "{\"code\":400,\"msg\":\"A user with this email address has already been registered\"}");
    }

    @Test
    @DisplayName("check 08 [N]: signup with GOTRUE_DISABLE_SIGNUP=true returns 403")
    void check08SignupWhenDisabledIs403() {
        only(NETLIFY);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(true));

        GoTrueReply reply = driver.signup(newCredentials());

        expectBody(reply, 403, "{\"code\":403,\"msg\":\"Signups not allowed for this instance\"}");
    }

    @Test
    @DisplayName("check 09 [N]: signup with an empty body returns 400 Could not read Signup params")
    void check09SignupWithEmptyBodyIs400() {
        only(NETLIFY);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.call("POST", "/signup").emptyBody().send();

        expectErrorPrefix(NETLIFY, reply, 400, null, "Could not read Signup params:");
    }

    @Test
    @DisplayName("check 10 [S]: signup with autoconfirm on returns a token response with a confirmed user")
    void check10SignupWithAutoconfirmReturnsTokens() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(true).disableSignup(false));
        Map<String, Object> body = newCredentials();

        GoTrueReply reply = driver.signup(body);

        expectStatus(reply, 200);
        JsonNode tokens = reply.json();
        assertFalse(tokens.path("access_token").asText().isEmpty(), reply::toString);
        assertEquals("bearer", tokens.path("token_type").asText(), reply::toString);
        assertTrue(tokens.path("expires_in").isIntegralNumber(), reply::toString);
        assertTrue(tokens.path("expires_at").isIntegralNumber(), reply::toString);
        assertFalse(tokens.path("refresh_token").asText().isEmpty(), reply::toString);
        assertEquals(body.get("email"), tokens.path("user").path("email").asText(), reply::toString);
        assertTrue(tokens.path("user").path("email_confirmed_at").isTextual(), reply::toString);
    }

    @Test
    @DisplayName("check 11 [S]: with autoconfirm on, a second signup with the same email returns 422"
            + " user_already_exists")
    void check11RepeatedSignupWithAutoconfirmIs422() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(true).disableSignup(false));
        Map<String, Object> body = newCredentials();
        expectStatus(driver.signup(body), 200);

        GoTrueReply again = driver.signup(body);

        expectBody(again, 422, "{\"code\":422,\"error_code\":\"user_already_exists\",\"msg\":\"User already registered\"}");
    }

    @Test
    @DisplayName("check 12 [S]: with autoconfirm off, signup with a confirmed email returns 200 and a fake user")
    void check12RepeatedSignupWithoutAutoconfirmReturnsFakeUser() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(false).disableSignup(false));
        TestUser existing = driver.user("confirmed", true);

        GoTrueReply reply = driver.signup(credentials(existing.email(), TestUsers.randomPassword()));

        expectStatus(reply, 200);
        JsonNode fake = reply.json();
        assertTrue(fake.path("id").isTextual(), reply::toString);
        assertNotEquals(existing.id(), fake.path("id").asText(), reply::toString);
        assertEquals("", fake.path("role").asText(null), reply::toString);
        assertEquals(parse("[]"), fake.path("identities"), reply::toString);
    }

    @Test
    @DisplayName("check 13 [S]: signup with a 5-character password returns 422 weak_password, reason length")
    void check13SignupWithShortPasswordIsWeak() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.signup(credentials(TestUsers.randomEmail("weak"), "a1b2c"));

        expectStatus(reply, 422);
        assertEquals("weak_password", reply.text("error_code"));
        List<String> reasons = new ArrayList<>();
        reply.json().path("weak_password").path("reasons").forEach(reason -> reasons.add(reason.asText()));
        assertTrue(reasons.contains("length"), reply::toString);
    }

    @Test
    @DisplayName("check 14 [S]: signup with an empty password returns 400 validation_failed")
    void check14SignupWithEmptyPasswordIs400() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.signup(credentials(TestUsers.randomEmail("signup"), ""));

        expectError(SUPABASE, reply, 400, "validation_failed", "Signup requires a valid password");
    }

    @Test
    @DisplayName("check 15 [S]: with GOTRUE_DISABLE_SIGNUP=true, email and anonymous signups return 422 signup_disabled")
    void check15SignupWhenDisabledIs422ForEmailAndAnonymous() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(true).anonymousUsers(true));

        GoTrueReply email = driver.signup(newCredentials());
        GoTrueReply anonymous = driver.signup(Map.of());

        expectError(SUPABASE, email, 422, "signup_disabled", "Signups not allowed for this instance");
        expectError(SUPABASE, anonymous, 422, "signup_disabled", "Signups not allowed for this instance");
    }

    @Test
    @DisplayName("check 16 [S]: anonymous signup with anonymous sign-ins disabled returns 422"
            + " anonymous_provider_disabled")
    void check16AnonymousSignupWhenDisabledIs422() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().anonymousUsers(false));

        GoTrueReply reply = driver.signup(Map.of());

        expectError(SUPABASE, reply, 422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled");
    }

    @Test
    @DisplayName("check 17 [S]: anonymous signup with anonymous sign-ins enabled returns an anonymous token response")
    void check17AnonymousSignupReturnsAnonymousTokens() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().anonymousUsers(true).disableSignup(false));

        GoTrueReply reply = driver.signup(Map.of());

        expectStatus(reply, 200);
        JsonNode tokens = reply.json();
        assertTrue(tokens.path("user").path("is_anonymous").asBoolean(false), reply::toString);
        assertEquals("", tokens.path("user").path("email").asText(null), reply::toString);
        JsonNode claims = ContractTokens.claims(tokens.path("access_token").asText());
        assertTrue(claims.path("is_anonymous").isBoolean() && claims.path("is_anonymous").booleanValue(),
                () -> "is_anonymous claim in " + claims);
    }

    @Test
    @DisplayName("check 18 [S]: signup with an empty body returns 400 bad_json")
    void check18SignupWithEmptyBodyIsBadJson() {
        only(SUPABASE);

        GoTrueReply reply = gotrue.call("POST", "/signup").emptyBody().send();

        expectErrorPrefix(SUPABASE, reply, 400, "bad_json", "Could not parse request body as JSON");
    }

    // ---------------------------------------------------------------- 2.6: token

    @Test
    @DisplayName("check 19 [N]: password grant returns exactly access_token, token_type, expires_in, refresh_token")
    void check19PasswordGrantReturnsExactlyFourKeys() {
        only(NETLIFY);
        TestUser user = gotrue.user("login", true);

        GoTrueReply reply = gotrue.passwordGrant(user.email(), user.password());

        expectStatus(reply, 200);
        JsonNode tokens = reply.json();
        assertEquals(Set.of("access_token", "token_type", "expires_in", "refresh_token"), fieldNames(tokens),
                reply::toString);
        assertEquals("bearer", tokens.path("token_type").asText(), reply::toString);
        assertTrue(tokens.path("expires_in").isIntegralNumber(), reply::toString);
        assertEquals(target.jwtExp().toSeconds(), tokens.path("expires_in").asLong(), reply::toString);
    }

    @Test
    @DisplayName("check 20 [N]: password grant with a wrong password or an unknown email returns 400 invalid_grant")
    void check20PasswordGrantWithWrongPasswordIsInvalidGrant() {
        only(NETLIFY);
        TestUser user = gotrue.user("login", true);

        GoTrueReply wrongPassword = gotrue.passwordGrant(user.email(), TestUsers.randomPassword());
        GoTrueReply unknownEmail = gotrue.passwordGrant(TestUsers.randomEmail("nobody"), user.password());

        expectBody(wrongPassword, 400, NETLIFY_NO_USER);
        expectBody(unknownEmail, 400, NETLIFY_NO_USER);
    }

    @Test
    @DisplayName("check 21 [N]: password grant for an unconfirmed user returns 400 Email not confirmed,"
            + " whatever the password")
    void check21PasswordGrantForUnconfirmedUserIsNotConfirmed() {
        only(NETLIFY);
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
    void check22TokenWithJsonBodyIsUnsupportedGrant() {
        only(NETLIFY);
        TestUser user = gotrue.user("login", true);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("grant_type", "password");
        json.put("username", user.email());
        json.put("password", user.password());

        GoTrueReply reply = gotrue.call("POST", "/token").json(json).send();

        expectBody(reply, 400, "{\"error\":\"unsupported_grant_type\"}");
    }

    @Test
    @DisplayName("check 23 [N]: refresh grant rotates the refresh token; reusing the old one returns 400")
    void check23RefreshGrantRotatesRefreshToken() {
        only(NETLIFY);
        String first = gotrue.login(gotrue.user("refresh", true)).path("refresh_token").asText();

        GoTrueReply refreshed = gotrue.refreshGrant(first);
        GoTrueReply reused = gotrue.refreshGrant(first);

        expectStatus(refreshed, 200);
        assertFalse(refreshed.text("refresh_token").isEmpty(), refreshed::toString);
        assertNotEquals(first, refreshed.text("refresh_token"), refreshed::toString);
        expectBody(reused, 400, NETLIFY_INVALID_REFRESH);
    }

    @Test
    @DisplayName("check 24 [N]: refresh grant without refresh_token returns 400 invalid_request")
    void check24RefreshGrantWithoutTokenIsInvalidRequest() {
        only(NETLIFY);

        GoTrueReply reply = gotrue.call("POST", "/token").form(Map.of("grant_type", "refresh_token")).send();

        expectBody(reply, 400, "{\"error\":\"invalid_request\",\"error_description\":\"refresh_token required\"}");
    }

    @Test
    @DisplayName("check 25 [S]: password grant returns access_token, token_type, expires_in, expires_at,"
            + " refresh_token and user")
    void check25PasswordGrantReturnsSessionAndUser() {
        only(SUPABASE);
        TestUser user = gotrue.user("login", true);

        GoTrueReply reply = gotrue.passwordGrant(user.email(), user.password());

        expectStatus(reply, 200);
        JsonNode tokens = reply.json();
        assertFalse(tokens.path("access_token").asText().isEmpty(), reply::toString);
        assertEquals("bearer", tokens.path("token_type").asText(), reply::toString);
        assertTrue(tokens.path("expires_in").isIntegralNumber(), reply::toString);
        assertTrue(tokens.path("expires_at").isIntegralNumber(), reply::toString);
        assertFalse(tokens.path("refresh_token").asText().isEmpty(), reply::toString);
        assertEquals(user.id(), tokens.path("user").path("id").asText(), reply::toString);
    }

    @Test
    @DisplayName("check 26 [S]: password grant with a wrong password returns 400 invalid_credentials")
    void check26PasswordGrantWithWrongPasswordIsInvalidCredentials() {
        only(SUPABASE);
        TestUser user = gotrue.user("login", true);

        GoTrueReply reply = gotrue.passwordGrant(user.email(), TestUsers.randomPassword());

        expectBody(reply, 400,
                "{\"code\":400,\"error_code\":\"invalid_credentials\",\"msg\":\"Invalid login credentials\"}");
    }

    @Test
    @DisplayName("check 27 [S]: unconfirmed user: right password gives email_not_confirmed,"
            + " wrong password invalid_credentials")
    void check27PasswordGrantForUnconfirmedUserChecksPasswordFirst() {
        only(SUPABASE);
        GoTrueDriver driver = unconfirmingTarget();
        TestUser user = driver.user("unconfirmed", false);

        GoTrueReply rightPassword = driver.passwordGrant(user.email(), user.password());
        GoTrueReply wrongPassword = driver.passwordGrant(user.email(), TestUsers.randomPassword());

        expectError(SUPABASE, rightPassword, 400, "email_not_confirmed", "Email not confirmed");
        expectError(SUPABASE, wrongPassword, 400, "invalid_credentials", "Invalid login credentials");
    }

    @Test
    @DisplayName("check 28 [S]: POST /token without grant_type returns 400 invalid_credentials unsupported_grant_type")
    void check28TokenWithoutGrantTypeIsUnsupported() {
        only(SUPABASE);
        TestUser user = gotrue.user("login", true);

        GoTrueReply reply = gotrue.call("POST", "/token").json(credentials(user.email(), user.password())).send();

        expectError(SUPABASE, reply, 400, "invalid_credentials", "unsupported_grant_type");
    }

    @Test
    @DisplayName("check 29 [S]: refresh with a short token gives validation_failed, with an unknown one"
            + " refresh_token_not_found")
    void check29RefreshGrantWithBadTokenIsRejected() {
        only(SUPABASE);

        GoTrueReply shortToken = gotrue.refreshGrant("short");
        GoTrueReply unknownToken = gotrue.refreshGrant(TestUsers.wellFormedUnknownRefreshToken());

        expectError(SUPABASE, shortToken, 400, "validation_failed", "Refresh token is not valid");
        expectError(SUPABASE, unknownToken, 400, "refresh_token_not_found",
                "Invalid Refresh Token: Refresh Token Not Found");
    }

    // ---------------------------------------------------------------- 3: access-token JWT

    @Test
    @DisplayName("check 30 [N]: access token header is HS256/nf-ident/JWT; claims exp, sub, email, metadata,"
            + " string aud only when set")
    void check30NetlifyAccessTokenHasKidAndNoRole() {
        only(NETLIFY);
        TestUser user = gotrue.user("jwt", true);
        String token = gotrue.login(user).path("access_token").asText();

        assertEquals(parse("{\"alg\":\"HS256\",\"kid\":\"nf-ident\",\"typ\":\"JWT\"}"), ContractTokens.header(token));
        JsonNode claims = ContractTokens.claims(token);
        assertEquals(Set.of("aud", "exp", "sub", "email", "app_metadata", "user_metadata"), fieldNames(claims),
                claims::toString);
        assertTrue(claims.path("aud").isTextual(), claims::toString);
        assertEquals(gotrue.audience(), claims.path("aud").asText());
        assertEquals(user.id(), claims.path("sub").asText());
        assertEquals(user.email(), claims.path("email").asText());
        assertTrue(claims.path("exp").isIntegralNumber(), claims::toString);
        assertNoAudienceClaimWhenUserHasNone();
    }

    /** Check 30, second half: in the default audience (empty on netlify unless GOTRUE_JWT_AUD is set). */
    private void assertNoAudienceClaimWhenUserHasNone() {
        GoTrueDriver defaultAudience = gotrue.inAudience(null);
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

    @Test
    @DisplayName("check 31 [S]: access token claims sub, aud, exp, iat, email, phone, metadata, role, aal, amr,"
            + " session_id, is_anonymous")
    void check31SupabaseAccessTokenHasSessionClaims() {
        only(SUPABASE);
        TestUser user = gotrue.user("jwt", true);

        JsonNode claims = ContractTokens.claims(gotrue.login(user).path("access_token").asText());

        for (String name : List.of("sub", "aud", "exp", "iat", "email", "phone", "app_metadata", "user_metadata",
                "role", "aal", "amr", "session_id", "is_anonymous")) {
            assertTrue(claims.has(name), () -> "claim " + name + " in " + claims);
        }
        assertEquals(user.id(), claims.path("sub").asText());
        assertTrue(claims.path("aud").isTextual(), claims::toString);
        assertEquals(gotrue.audience(), claims.path("aud").asText());
        assertEquals(user.email(), claims.path("email").asText());
        assertEquals("aal1", claims.path("aal").asText());
        assertTrue(claims.path("amr").isArray() && !claims.path("amr").isEmpty(), claims::toString);
        assertFalse(claims.path("session_id").asText().isEmpty(), claims::toString);
        assertTrue(claims.path("is_anonymous").isBoolean(), claims::toString);
        target.issuer().ifPresentOrElse(
                issuer -> assertEquals(issuer, claims.path("iss").asText(), claims::toString),
                () -> assertFalse(claims.has("iss"), () -> "no issuer configured, yet iss in " + claims));
    }

    @Test
    @DisplayName("check 32 [N,S]: exp - now of a fresh access token equals GOTRUE_JWT_EXP within one second")
    void check32AccessTokenLivesJwtExp() {
        TestUser user = gotrue.user("jwt", true);
        long expSeconds = target.jwtExp().toSeconds();

        long before = Instant.now().getEpochSecond();
        String token = gotrue.login(user).path("access_token").asText();
        long after = Instant.now().getEpochSecond();

        long exp = ContractTokens.claims(token).path("exp").asLong();
        assertTrue(exp >= before + expSeconds - 1 && exp <= after + expSeconds + 1,
                () -> "exp " + exp + " should be within 1 s of now + " + expSeconds + " (now " + before + ".." + after + ")");
    }

    // ---------------------------------------------------------------- 2.7, 2.8: user and logout

    @Test
    @DisplayName("check 33 [N]: GET /user without Authorization returns 401 This endpoint requires a Bearer token")
    void check33UserWithoutBearerIs401() {
        only(NETLIFY);

        GoTrueReply reply = gotrue.call("GET", "/user").send();

        expectBody(reply, 401, NETLIFY_BEARER_REQUIRED);
    }

    @Test
    @DisplayName("check 34 [N]: GET /user with an expired or badly signed token returns 401 Invalid token")
    void check34UserWithBadTokenIs401() {
        only(NETLIFY);
        TestUser user = gotrue.user("user", true);
        GoTrueReply expiredReply = gotrue.getUser(ContractTokens.expired(target.jwtSecret(), user.id()));
        GoTrueReply badlySigned = gotrue.getUser(ContractTokens.signedWithUnknownSecret(user.id()));

        expectErrorPrefix(NETLIFY, expiredReply, 401, null, "Invalid token: ");
        expectErrorPrefix(NETLIFY, badlySigned, 401, null, "Invalid token: ");
    }

    @Test
    @DisplayName("check 35 [S]: GET /user without Authorization returns 401 no_authorization,"
            + " with a badly signed token 403 bad_jwt")
    void check35UserWithoutBearerIs401AndWithBadJwt403() {
        only(SUPABASE);
        TestUser user = gotrue.user("user", true);

        GoTrueReply missing = gotrue.call("GET", "/user").send();
        GoTrueReply badlySigned = gotrue.getUser(ContractTokens.signedWithUnknownSecret(user.id()));

        expectError(SUPABASE, missing, 401, "no_authorization", SUPABASE_BEARER_REQUIRED);
        expectErrorPrefix(SUPABASE, badlySigned, 403, "bad_jwt", "invalid JWT: unable to parse or verify signature, ");
    }

    @Test
    @DisplayName("check 36 [N,S]: GET /user with a valid token returns 200 with the user's id and email")
    void check36UserWithValidTokenReturnsUser() {
        TestUser user = gotrue.user("user", true);
        String token = gotrue.login(user).path("access_token").asText();

        GoTrueReply reply = gotrue.getUser(token);

        expectStatus(reply, 200);
        assertEquals(user.id(), reply.text("id"));
        assertEquals(user.email(), reply.text("email"));
    }

    @Test
    @DisplayName("check 37 [N]: GET /user with the token of a deleted user returns 404 User not found")
    void check37UserOfDeletedUserIs404() {
        only(NETLIFY);
        TestUser user = gotrue.user("deleted", true);
        String token = gotrue.login(user).path("access_token").asText();
        expectStatus(gotrue.deleteUser(user.id()), 200);

        GoTrueReply reply = gotrue.getUser(token);

        expectBody(reply, 404, "{\"code\":404,\"msg\":\"User not found\"}");
    }

    @Test
    @DisplayName("check 38 [S]: GET /user for a deleted user returns 403 user_not_found, after logout 403"
            + " session_not_found")
    void check38UserOfDeletedUserOrEndedSessionIs403() {
        only(SUPABASE);
        TestUser deleted = gotrue.user("deleted", true);
        String deletedToken = gotrue.login(deleted).path("access_token").asText();
        expectStatus(gotrue.deleteUser(deleted.id()), 200);
        String loggedOutToken = gotrue.login(gotrue.user("loggedout", true)).path("access_token").asText();
        expectStatus(gotrue.logout(loggedOutToken), 204);

        GoTrueReply afterDelete = gotrue.getUser(deletedToken);
        GoTrueReply afterLogout = gotrue.getUser(loggedOutToken);

        expectError(SUPABASE, afterDelete, 403, "user_not_found", "User from sub claim in JWT does not exist");
        expectError(SUPABASE, afterLogout, 403, "session_not_found",
                "Session from session_id claim in JWT does not exist");
    }

    @Test
    @DisplayName("check 39 [N]: after logout the access token still works at /user, the refresh token does not")
    void check39LogoutKeepsAccessTokenButRevokesRefreshTokens() {
        only(NETLIFY);
        JsonNode tokens = gotrue.login(gotrue.user("logout", true));
        String accessToken = tokens.path("access_token").asText();

        GoTrueReply logout = gotrue.logout(accessToken);
        GoTrueReply user = gotrue.getUser(accessToken);
        GoTrueReply refresh = gotrue.refreshGrant(tokens.path("refresh_token").asText());

        expectStatus(logout, 204);
        expectStatus(user, 200);
        expectBody(refresh, 400, NETLIFY_INVALID_REFRESH);
    }

    @Test
    @DisplayName("check 40 [N,S]: POST /logout with a valid token returns 204 with an empty body")
    void check40LogoutIs204WithoutBody() {
        String token = gotrue.login(gotrue.user("logout", true)).path("access_token").asText();

        GoTrueReply reply = gotrue.logout(token);

        expectStatus(reply, 204);
        assertEquals("", reply.body(), reply::toString);
    }

    // ---------------------------------------------------------------- 4: admin authorization

    @Test
    @DisplayName("check 41 [N]: GET /admin/users without Authorization returns 401, with a normal user's JWT"
            + " 401 User not allowed")
    void check41AdminWithoutAdminRightsIs401() {
        only(NETLIFY);
        String userToken = gotrue.login(gotrue.user("normal", true)).path("access_token").asText();

        GoTrueReply missing = gotrue.call("GET", "/admin/users").send();
        GoTrueReply normalUser = gotrue.call("GET", "/admin/users").bearer(userToken).send();

        expectBody(missing, 401, NETLIFY_BEARER_REQUIRED);
        expectBody(normalUser, 401, "{\"code\":401,\"msg\":\"User not allowed\"}");
    }

    @Test
    @DisplayName("check 42 [N]: GET /admin/users with the operator token returns 200")
    void check42AdminWithOperatorTokenIs200() {
        only(NETLIFY);
        assumeTrue(target.operatorToken().isPresent(), "the operator token of this target is not known");

        GoTrueReply reply = gotrue.call("GET", "/admin/users").bearer(target.operatorToken().orElseThrow()).send();

        expectStatus(reply, 200);
        assertTrue(reply.json().path("users").isArray(), reply::toString);
    }

    @Test
    @DisplayName("check 43 [N]: GET /admin/users with a system-user JWT (sub \"0\") returns 200")
    void check43AdminWithSystemUserTokenIs200() {
        only(NETLIFY);

        GoTrueReply reply = gotrue.call("GET", "/admin/users")
                .bearer(ContractTokens.netlifySystemAdmin(target.jwtSecret())).send();

        expectStatus(reply, 200);
        assertTrue(reply.json().path("users").isArray(), reply::toString);
    }

    @Test
    @DisplayName("check 44 [N]: an admin request with a JWT for a sub that does not exist returns 401"
            + " Invalid admin user")
    void check44AdminWithUnknownSubIs401() {
        only(NETLIFY);
        String token = ContractTokens.hs256(target.jwtSecret(),
                Map.of("sub", ContractTokens.unknownSub(), "exp", ContractTokens.epochIn(Duration.ofMinutes(5))));

        GoTrueReply reply = gotrue.call("GET", "/admin/users").bearer(token).send();

        expectBody(reply, 401, "{\"code\":401,\"msg\":\"Invalid admin user\"}");
    }

    @Test
    @DisplayName("check 45 [N]: a user with role admin is admin in its own aud, not in another")
    void check45AdminRoleCountsOnlyInOwnAudience() {
        only(NETLIFY);
        TestUser admin = gotrue.user("admin", true, Map.of("role", "admin"));
        String token = gotrue.login(admin).path("access_token").asText();

        GoTrueReply ownAudience = gotrue.call("GET", "/admin/users").bearer(token).send();
        GoTrueReply otherAudience = gotrue.call("GET", "/admin/users").bearer(token)
                .header(GoTrueDriver.AUDIENCE_HEADER, TestUsers.randomAudience()).send();

        expectStatus(ownAudience, 200);
        assertTrue(ids(ownAudience).contains(admin.id()), ownAudience::toString);
        expectBody(otherAudience, 401, "{\"code\":401,\"msg\":\"User not allowed\"}");
    }

    @Test
    @DisplayName("check 46 [S]: a JWT with role service_role is admin, one with role authenticated gets 403"
            + " not_admin")
    void check46AdminNeedsAdminRoleClaim() {
        only(SUPABASE);
        String serviceRole = ContractTokens.hs256(target.jwtSecret(), Map.of("role", "service_role"));
        String authenticated = ContractTokens.hs256(target.jwtSecret(), Map.of("role", "authenticated",
                "sub", ContractTokens.unknownSub(), "aud", gotrue.audience(),
                "exp", ContractTokens.epochIn(Duration.ofMinutes(5))));

        GoTrueReply admin = gotrue.call("GET", "/admin/users").bearer(serviceRole).send();
        GoTrueReply notAdmin = gotrue.call("GET", "/admin/users").bearer(authenticated).send();

        expectStatus(admin, 200);
        assertTrue(admin.json().path("users").isArray(), admin::toString);
        expectBody(notAdmin, 403, "{\"code\":403,\"error_code\":\"not_admin\",\"msg\":\"User not allowed\"}");
    }

    @Test
    @DisplayName("check 47 [S]: an admin request with a non-JWT bearer returns 403 bad_jwt, without Authorization"
            + " 401 no_authorization")
    void check47AdminWithNonJwtIs403() {
        only(SUPABASE);

        GoTrueReply notJwt = gotrue.call("GET", "/admin/users").bearer("not-a-jwt").send();
        GoTrueReply missing = gotrue.call("GET", "/admin/users").send();

        expectErrorPrefix(SUPABASE, notJwt, 403, "bad_jwt", "");
        expectError(SUPABASE, missing, 401, "no_authorization", SUPABASE_BEARER_REQUIRED);
    }

    // ---------------------------------------------------------------- 2.9: list users

    @Test
    @DisplayName("check 48 [N,S]: GET /admin/users returns users and aud, X-Total-Count counts the aud's users")
    void check48ListReturnsAudienceUsersAndTotal() {
        TestUser first = gotrue.user("list", true);
        TestUser second = gotrue.user("list", false);

        GoTrueReply reply = gotrue.listUsers("");

        expectStatus(reply, 200);
        assertEquals(gotrue.audience(), reply.text("aud"));
        assertEquals(Set.of(first.id(), second.id()), new HashSet<>(ids(reply)), reply::toString);
        assertEquals(2, ids(reply).size(), reply::toString);
        assertEquals("2", reply.header("X-Total-Count").orElse(null), reply::toString);
    }

    @Test
    @DisplayName("check 49 [N,S]: with no users, GET /admin/users returns [], X-Total-Count 0 and a last link"
            + " to page 0")
    void check49EmptyListLinksToPageZero() {
        GoTrueReply reply = gotrue.listUsers("");

        expectStatus(reply, 200);
        assertEquals(parse("[]"), reply.json().path("users"), reply::toString);
        assertEquals("0", reply.header("X-Total-Count").orElse(null), reply::toString);
        assertEquals("</admin/users?page=0>; rel=\"last\"", reply.header("Link").orElse(null), reply::toString);
    }

    @Test
    @DisplayName("check 50 [N]: with 3 users and per_page=1 the Link header has next and last; page 2 adds prev")
    void check50NetlifyLinksHaveNextPrevLast() {
        only(NETLIFY);
        for (int i = 0; i < 3; i++) {
            gotrue.user("page", true);
        }

        GoTrueReply firstPage = gotrue.listUsers("?per_page=1");
        GoTrueReply secondPage = gotrue.listUsers("?page=2&per_page=1");

        expectStatus(firstPage, 200);
        assertEquals("</admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=3&per_page=1>; rel=\"last\"",
                firstPage.header("Link").orElse(null), firstPage::toString);
        expectStatus(secondPage, 200);
        assertEquals(Set.of("</admin/users?page=3&per_page=1>; rel=\"next\"",
                        "</admin/users?page=1&per_page=1>; rel=\"prev\"",
                        "</admin/users?page=3&per_page=1>; rel=\"last\""),
                new HashSet<>(linkEntries(secondPage)), secondPage::toString);
    }

    @Test
    @DisplayName("check 51 [S]: with 2 users and per_page=1 the Link header has next and last, never prev")
    void check51SupabaseLinksNeverHavePrev() {
        only(SUPABASE);
        gotrue.user("page", true);
        gotrue.user("page", true);

        GoTrueReply firstPage = gotrue.listUsers("?per_page=1");
        GoTrueReply secondPage = gotrue.listUsers("?page=2&per_page=1");

        expectStatus(firstPage, 200);
        assertEquals("</admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=2&per_page=1>; rel=\"last\"",
                firstPage.header("Link").orElse(null), firstPage::toString);
        expectStatus(secondPage, 200);
        assertTrue(linkEntries(secondPage).contains("</admin/users?page=2&per_page=1>; rel=\"last\""),
                secondPage::toString);
        assertTrue(linkEntries(secondPage).stream().noneMatch(entry -> entry.endsWith("rel=\"prev\"")),
                secondPage::toString);
    }

    @Test
    @DisplayName("check 52 [N,S]: users are listed newest first, sort=created_at asc reverses, sort=email is 400")
    void check52ListSortsByCreatedAt() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(gotrue.user("sort", true).id());
        }

        GoTrueReply newestFirst = gotrue.listUsers("");
        GoTrueReply oldestFirst = gotrue.listUsers("?sort=created_at%20asc");
        GoTrueReply byEmail = gotrue.listUsers("?sort=email");

        expectStatus(newestFirst, 200);
        expectStatus(oldestFirst, 200);
        assertOrderedByCreation(newestFirst, created, false);
        assertOrderedByCreation(oldestFirst, created, true);
        expectErrorPrefix(target.flavor(), byEmail, 400, null, "Bad Sort Parameters: bad field for sort 'email'");
    }

    /**
     * The listed users are {@code created} ordered by {@code created_at}, ascending or descending. Users created within
     * the server's timestamp resolution (a second on netlify's MySQL) may tie; ties may come in any order.
     */
    private static void assertOrderedByCreation(GoTrueReply list, List<String> created, boolean ascending) {
        Map<String, Instant> createdAt = new HashMap<>();
        List<String> listed = new ArrayList<>();
        for (JsonNode user : list.json().path("users")) {
            listed.add(user.path("id").asText());
            createdAt.put(user.path("id").asText(), Instant.parse(user.path("created_at").asText()));
        }
        assertEquals(new HashSet<>(created), new HashSet<>(listed), list::toString);
        for (int i = 1; i < created.size(); i++) {
            assertFalse(createdAt.get(created.get(i)).isBefore(createdAt.get(created.get(i - 1))),
                    () -> "created_at must not go back in creation order: " + list);
        }
        Iterator<String> ids = listed.iterator();
        String previous = ids.next();
        while (ids.hasNext()) {
            String current = ids.next();
            int order = createdAt.get(previous).compareTo(createdAt.get(current));
            boolean tieOrRightOrder = order == 0 || (ascending ? order < 0 : order > 0);
            boolean tieInCreationOrder = order != 0
                    || created.indexOf(previous) < created.indexOf(current) == ascending;
            assertTrue(tieOrRightOrder && tieInCreationOrder,
                    () -> (ascending ? "oldest" : "newest") + " first expected: " + list);
            previous = current;
        }
    }

    @Test
    @DisplayName("check 53 [N,S]: filter lists only users whose email contains it, and X-Total-Count counts them")
    void check53ListFiltersByEmail() {
        TestUser alpha = gotrue.user("alpha", true);
        gotrue.user("beta", true);
        String substring = alpha.email().substring(2, alpha.email().indexOf('@'));

        GoTrueReply reply = gotrue.listUsers("?filter=" + substring);

        expectStatus(reply, 200);
        assertEquals(List.of(alpha.id()), ids(reply), reply::toString);
        assertEquals("1", reply.header("X-Total-Count").orElse(null), reply::toString);
    }

    @Test
    @DisplayName("check 54 [N,S]: GET /admin/users?per_page=abc returns 400 Bad Pagination Parameters")
    void check54ListWithBadPerPageIs400() {
        GoTrueReply reply = gotrue.listUsers("?per_page=abc");

        expectErrorPrefix(target.flavor(), reply, 400, "validation_failed", "Bad Pagination Parameters:");
    }

    @Test
    @DisplayName("check 55 [N,S]: a user signed up with X-JWT-AUD: other is listed only in that audience")
    void check55ListShowsOnlyRequestAudience() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));
        GoTrueDriver other = driver.inAudience(TestUsers.randomAudience());
        String email = TestUsers.randomEmail("other");
        GoTrueReply signup = other.signup(credentials(email, TestUsers.randomPassword()));
        expectStatus(signup, 200);

        GoTrueReply inOther = other.listUsers("");
        GoTrueReply inOwn = driver.listUsers("");
        GoTrueReply inDefault = driver.inAudience(null).listUsers("?filter=" + email);

        expectStatus(inOther, 200);
        assertEquals(1, ids(inOther).size(), inOther::toString);
        assertEquals(email, inOther.json().path("users").path(0).path("email").asText(), inOther::toString);
        expectStatus(inOwn, 200);
        assertEquals(List.of(), ids(inOwn), inOwn::toString);
        expectStatus(inDefault, 200);
        assertEquals(List.of(), ids(inDefault), inDefault::toString);
    }

    // ---------------------------------------------------------------- 2.10, 2.12: create and delete

    @Test
    @DisplayName("check 56 [N]: POST /admin/users with confirm creates a confirmed email user; a duplicate gets 422")
    void check56NetlifyAdminCreateConfirmsAndRejectsDuplicate() {
        only(NETLIFY);
        String email = TestUsers.randomEmail("admin");
        String password = TestUsers.randomPassword();

        GoTrueReply created = gotrue.createUser(email, password, true, Map.of());
        GoTrueReply duplicate = gotrue.createUser(email, password, true, Map.of());

        expectStatus(created, 200);
        assertTrue(created.json().path("confirmed_at").isTextual(), created::toString);
        assertEquals("email", created.json().path("app_metadata").path("provider").asText(), created::toString);
        expectBody(duplicate, 422, "{\"code\":422,\"msg\":\"Email address already registered by another user\"}");
    }

    @Test
    @DisplayName("check 57 [S]: POST /admin/users with email_confirm creates a confirmed user; a duplicate gets"
            + " 422 email_exists")
    void check57SupabaseAdminCreateConfirmsAndRejectsDuplicate() {
        only(SUPABASE);
        String email = TestUsers.randomEmail("admin");
        String password = TestUsers.randomPassword();

        GoTrueReply created = gotrue.createUser(email, password, true, Map.of());
        GoTrueReply duplicate = gotrue.createUser(email, password, true, Map.of());

        expectStatus(created, 200);
        assertTrue(created.json().path("email_confirmed_at").isTextual(), created::toString);
        expectError(SUPABASE, duplicate, 422, "email_exists",
                "A user with this email address has already been registered");
    }

    @Test
    @DisplayName("check 58 [N,S]: DELETE /admin/users/{id} returns 200 {}; then GET and DELETE return 404")
    void check58DeleteReturnsEmptyObjectThen404() {
        TestUser user = gotrue.user("delete", true);

        GoTrueReply deleted = gotrue.deleteUser(user.id());
        GoTrueReply get = gotrue.admin("GET", "/admin/users/" + user.id()).send();
        GoTrueReply deletedAgain = gotrue.deleteUser(user.id());

        expectBody(deleted, 200, "{}");
        expectError(target.flavor(), get, 404, "user_not_found", "User not found");
        expectError(target.flavor(), deletedAgain, 404, "user_not_found", "User not found");
    }

    @Test
    @DisplayName("check 59 [N]: DELETE /admin/users/not-a-uuid returns 400 user_id must be an UUID")
    void check59NetlifyDeleteWithBadIdIs400() {
        only(NETLIFY);

        GoTrueReply reply = gotrue.deleteUser("not-a-uuid");

        expectBody(reply, 400, "{\"code\":400,\"msg\":\"user_id must be an UUID\"}");
    }

    @Test
    @DisplayName("check 60 [S]: DELETE /admin/users/not-a-uuid returns 404 validation_failed")
    void check60SupabaseDeleteWithBadIdIs404() {
        only(SUPABASE);

        GoTrueReply reply = gotrue.deleteUser("not-a-uuid");

        expectBody(reply, 404, "{\"code\":404,\"error_code\":\"validation_failed\",\"msg\":\"user_id must be an UUID\"}");
    }

    @Test
    @DisplayName("check 61 [N,S]: after DELETE /admin/users/{id}, the user's refresh token no longer works")
    void check61DeletedUsersRefreshTokenFails() {
        TestUser user = gotrue.user("delete", true);
        String refreshToken = gotrue.login(user).path("refresh_token").asText();
        expectStatus(gotrue.deleteUser(user.id()), 200);

        GoTrueReply reply = gotrue.refreshGrant(refreshToken);

        if (target.flavor() == NETLIFY) {
            expectBody(reply, 400, NETLIFY_INVALID_REFRESH);
        } else {
            expectError(SUPABASE, reply, 400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        }
    }

    // ---------------------------------------------------------------- 2.14: rate limits

    @Test
    @DisplayName("check 62 [N]: with GOTRUE_RATE_LIMIT_HEADER=X-Client-IP the 31st POST /token from one value gets 429")
    void check62TokenRateLimitIs30PerHeaderValue() {
        only(NETLIFY);
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
    void check63TokenWithoutRateLimitHeaderIsNeverLimited() {
        only(NETLIFY);
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

    @Test
    @DisplayName("check 64 [S]: with GOTRUE_RATE_LIMIT_ANONYMOUS_USERS=5 the 6th anonymous signup from one header"
            + " value gets 429")
    void check64AnonymousRateLimitIsPerHeaderValue() {
        only(SUPABASE);
        GoTrueDriver driver = on(TargetSetup.any().rateLimitHeader("X-Client-IP").anonymousRateLimit(5)
                .anonymousUsers(true).disableSignup(false));
        String client = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 250);

        for (int request = 1; request <= 5; request++) {
            GoTrueReply reply = anonymousSignup(driver, client, "192.0.2." + request);
            int number = request;
            assertEquals(200, reply.status(), () -> "request " + number + " should not be limited: " + reply);
        }
        GoTrueReply limited = anonymousSignup(driver, client, "192.0.2.99");
        GoTrueReply otherClient = anonymousSignup(driver, client + "1", "192.0.2.99");

        expectError(SUPABASE, limited, 429, "over_request_rate_limit", "Request rate limit reached");
        expectStatus(otherClient, 200);
    }

    private static GoTrueReply anonymousSignup(GoTrueDriver driver, String clientIp, String forwardedFor) {
        return driver.signup(Map.of(), Map.of("X-Client-IP", clientIp, "X-Forwarded-For", forwardedFor));
    }

    // ---------------------------------------------------------------- 1: supabase error headers and API version

    @Test
    @DisplayName("check 65 [S]: errors carry x-sb-error-code; API version 2024-01-01 switches to"
            + " {code, message} and is echoed")
    void check65SupabaseErrorsCarryCodeHeaderAndVersionedShape() {
        only(SUPABASE);

        GoTrueReply plain = gotrue.call("GET", "/user").send();
        GoTrueReply versioned = gotrue.call("GET", "/user").header("X-Supabase-Api-Version", "2024-01-01").send();

        expectStatus(plain, 401);
        assertEquals(plain.text("error_code"), plain.header("x-sb-error-code").orElse(null), plain::toString);
        expectBody(versioned, 401,
                "{\"code\":\"no_authorization\",\"message\":\"" + SUPABASE_BEARER_REQUIRED + "\"}");
        assertEquals("2024-01-01", versioned.header("X-Supabase-Api-Version").orElse(null), versioned::toString);
    }
}
