package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.contract.support.ContractTokens;
import dev.anonbroker.emulator.contract.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.anonbroker.emulator.contract.ContractAssertions.expectBody;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectError;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectErrorPrefix;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectStatus;
import static dev.anonbroker.emulator.contract.ContractAssertions.linkEntries;
import static dev.anonbroker.emulator.contract.ContractAssertions.parse;
import static dev.anonbroker.emulator.contract.Flavor.SUPABASE;
import static dev.anonbroker.emulator.contract.support.TestUsers.credentials;
import static dev.anonbroker.emulator.contract.support.TestUsers.newCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks of src/main/docs/guide/gotrue-compatibility.md section 6 that apply to supabase/auth only ([S]), as JUnit
 * default methods: a contract test of a supabase target implements this beside {@link GoTrueContractSuite}, whose
 * checks apply to both.
 */
interface SupabaseContractChecks extends ContractContext {

    String SUPABASE_BEARER_REQUIRED = "This endpoint requires a valid Bearer token";

    @Override
    default Flavor flavor() {
        return SUPABASE;
    }

    // ---------------------------------------------------------------- 2.2, 2.3: health and settings

    @Test
    @DisplayName("check 03 [S]: GET /settings returns disable_signup, mailer_autoconfirm, external.anonymous_users"
            + " and no autoconfirm key")
    default void check03SupabaseSettingsShowMailerAutoconfirmAndAnonymous() {
        GoTrueReply reply = gotrue().call("GET", "/settings").send();

        expectStatus(reply, 200);
        JsonNode settings = reply.json();
        assertTrue(settings.path("disable_signup").isBoolean(), reply::toString);
        assertTrue(settings.path("mailer_autoconfirm").isBoolean(), reply::toString);
        assertTrue(settings.path("external").path("anonymous_users").isBoolean(), reply::toString);
        assertFalse(settings.has("autoconfirm"), reply::toString);
    }

    // ---------------------------------------------------------------- 2.4, 2.5: signup

    @Test
    @DisplayName("check 10 [S]: signup with autoconfirm on returns a token response with a confirmed user")
    default void check10SignupWithAutoconfirmReturnsTokens() {
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
    default void check11RepeatedSignupWithAutoconfirmIs422() {
        GoTrueDriver driver = on(TargetSetup.any().autoconfirm(true).disableSignup(false));
        Map<String, Object> body = newCredentials();
        expectStatus(driver.signup(body), 200);

        GoTrueReply again = driver.signup(body);

        expectBody(again, 422, "{\"code\":422,\"error_code\":\"user_already_exists\",\"msg\":\"User already registered\"}");
    }

    @Test
    @DisplayName("check 12 [S]: with autoconfirm off, signup with a confirmed email returns 200 and a fake user")
    default void check12RepeatedSignupWithoutAutoconfirmReturnsFakeUser() {
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
    default void check13SignupWithShortPasswordIsWeak() {
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
    default void check14SignupWithEmptyPasswordIs400() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(false));

        GoTrueReply reply = driver.signup(credentials(TestUsers.randomEmail("signup"), ""));

        expectError(SUPABASE, reply, 400, "validation_failed", "Signup requires a valid password");
    }

    @Test
    @DisplayName("check 15 [S]: with GOTRUE_DISABLE_SIGNUP=true, email and anonymous signups return 422 signup_disabled")
    default void check15SignupWhenDisabledIs422ForEmailAndAnonymous() {
        GoTrueDriver driver = on(TargetSetup.any().disableSignup(true).anonymousUsers(true));

        GoTrueReply email = driver.signup(newCredentials());
        GoTrueReply anonymous = driver.signup(Map.of());

        expectError(SUPABASE, email, 422, "signup_disabled", "Signups not allowed for this instance");
        expectError(SUPABASE, anonymous, 422, "signup_disabled", "Signups not allowed for this instance");
    }

    @Test
    @DisplayName("check 16 [S]: anonymous signup with anonymous sign-ins disabled returns 422"
            + " anonymous_provider_disabled")
    default void check16AnonymousSignupWhenDisabledIs422() {
        GoTrueDriver driver = on(TargetSetup.any().anonymousUsers(false));

        GoTrueReply reply = driver.signup(Map.of());

        expectError(SUPABASE, reply, 422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled");
    }

    @Test
    @DisplayName("check 17 [S]: anonymous signup with anonymous sign-ins enabled returns an anonymous token response")
    default void check17AnonymousSignupReturnsAnonymousTokens() {
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
    default void check18SignupWithEmptyBodyIsBadJson() {
        GoTrueReply reply = gotrue().call("POST", "/signup").emptyBody().send();

        expectErrorPrefix(SUPABASE, reply, 400, "bad_json", "Could not parse request body as JSON");
    }

    // ---------------------------------------------------------------- 2.6: token

    @Test
    @DisplayName("check 25 [S]: password grant returns access_token, token_type, expires_in, expires_at,"
            + " refresh_token and user")
    default void check25PasswordGrantReturnsSessionAndUser() {
        TestUser user = gotrue().user("login", true);

        GoTrueReply reply = gotrue().passwordGrant(user.email(), user.password());

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
    default void check26PasswordGrantWithWrongPasswordIsInvalidCredentials() {
        TestUser user = gotrue().user("login", true);

        GoTrueReply reply = gotrue().passwordGrant(user.email(), TestUsers.randomPassword());

        expectBody(reply, 400,
                "{\"code\":400,\"error_code\":\"invalid_credentials\",\"msg\":\"Invalid login credentials\"}");
    }

    @Test
    @DisplayName("check 27 [S]: unconfirmed user: right password gives email_not_confirmed,"
            + " wrong password invalid_credentials")
    default void check27PasswordGrantForUnconfirmedUserChecksPasswordFirst() {
        GoTrueDriver driver = unconfirmingTarget();
        TestUser user = driver.user("unconfirmed", false);

        GoTrueReply rightPassword = driver.passwordGrant(user.email(), user.password());
        GoTrueReply wrongPassword = driver.passwordGrant(user.email(), TestUsers.randomPassword());

        expectError(SUPABASE, rightPassword, 400, "email_not_confirmed", "Email not confirmed");
        expectError(SUPABASE, wrongPassword, 400, "invalid_credentials", "Invalid login credentials");
    }

    @Test
    @DisplayName("check 28 [S]: POST /token without grant_type returns 400 invalid_credentials unsupported_grant_type")
    default void check28TokenWithoutGrantTypeIsUnsupported() {
        TestUser user = gotrue().user("login", true);

        GoTrueReply reply = gotrue().call("POST", "/token").json(credentials(user.email(), user.password())).send();

        expectError(SUPABASE, reply, 400, "invalid_credentials", "unsupported_grant_type");
    }

    @Test
    @DisplayName("check 29 [S]: refresh with a short token gives validation_failed, with an unknown one"
            + " refresh_token_not_found")
    default void check29RefreshGrantWithBadTokenIsRejected() {
        GoTrueReply shortToken = gotrue().refreshGrant("short");
        GoTrueReply unknownToken = gotrue().refreshGrant(TestUsers.wellFormedUnknownRefreshToken());

        expectError(SUPABASE, shortToken, 400, "validation_failed", "Refresh token is not valid");
        expectError(SUPABASE, unknownToken, 400, "refresh_token_not_found",
                "Invalid Refresh Token: Refresh Token Not Found");
    }

    // ---------------------------------------------------------------- 3: access-token JWT

    @Test
    @DisplayName("check 31 [S]: access token claims sub, aud, exp, iat, email, phone, metadata, role, aal, amr,"
            + " session_id, is_anonymous")
    default void check31SupabaseAccessTokenHasSessionClaims() {
        TestUser user = gotrue().user("jwt", true);

        JsonNode claims = ContractTokens.claims(gotrue().login(user).path("access_token").asText());

        for (String name : List.of("sub", "aud", "exp", "iat", "email", "phone", "app_metadata", "user_metadata",
                "role", "aal", "amr", "session_id", "is_anonymous")) {
            assertTrue(claims.has(name), () -> "claim " + name + " in " + claims);
        }
        assertEquals(user.id(), claims.path("sub").asText());
        assertTrue(claims.path("aud").isTextual(), claims::toString);
        assertEquals(gotrue().audience(), claims.path("aud").asText());
        assertEquals(user.email(), claims.path("email").asText());
        assertEquals("aal1", claims.path("aal").asText());
        assertTrue(claims.path("amr").isArray() && !claims.path("amr").isEmpty(), claims::toString);
        assertFalse(claims.path("session_id").asText().isEmpty(), claims::toString);
        assertTrue(claims.path("is_anonymous").isBoolean(), claims::toString);
        target().issuer().ifPresentOrElse(
                issuer -> assertEquals(issuer, claims.path("iss").asText(), claims::toString),
                () -> assertFalse(claims.has("iss"), () -> "no issuer configured, yet iss in " + claims));
    }

    // ---------------------------------------------------------------- 2.7, 2.8: user and logout

    @Test
    @DisplayName("check 35 [S]: GET /user without Authorization returns 401 no_authorization,"
            + " with a badly signed token 403 bad_jwt")
    default void check35UserWithoutBearerIs401AndWithBadJwt403() {
        TestUser user = gotrue().user("user", true);

        GoTrueReply missing = gotrue().call("GET", "/user").send();
        GoTrueReply badlySigned = gotrue().getUser(ContractTokens.signedWithUnknownSecret(user.id()));

        expectError(SUPABASE, missing, 401, "no_authorization", SUPABASE_BEARER_REQUIRED);
        expectErrorPrefix(SUPABASE, badlySigned, 403, "bad_jwt", "invalid JWT: unable to parse or verify signature, ");
    }

    @Test
    @DisplayName("check 38 [S]: GET /user for a deleted user returns 403 user_not_found, after logout 403"
            + " session_not_found")
    default void check38UserOfDeletedUserOrEndedSessionIs403() {
        TestUser deleted = gotrue().user("deleted", true);
        String deletedToken = gotrue().login(deleted).path("access_token").asText();
        expectStatus(gotrue().deleteUser(deleted.id()), 200);
        String loggedOutToken = gotrue().login(gotrue().user("loggedout", true)).path("access_token").asText();
        expectStatus(gotrue().logout(loggedOutToken), 204);

        GoTrueReply afterDelete = gotrue().getUser(deletedToken);
        GoTrueReply afterLogout = gotrue().getUser(loggedOutToken);

        expectError(SUPABASE, afterDelete, 403, "user_not_found", "User from sub claim in JWT does not exist");
        expectError(SUPABASE, afterLogout, 403, "session_not_found",
                "Session from session_id claim in JWT does not exist");
    }

    // ---------------------------------------------------------------- 4: admin authorization

    @Test
    @DisplayName("check 46 [S]: a JWT with role service_role is admin, one with role authenticated gets 403"
            + " not_admin")
    default void check46AdminNeedsAdminRoleClaim() {
        String serviceRole = ContractTokens.hs256(target().jwtSecret(), Map.of("role", "service_role"));
        String authenticated = ContractTokens.hs256(target().jwtSecret(), Map.of("role", "authenticated",
                "sub", ContractTokens.unknownSub(), "aud", gotrue().audience(),
                "exp", ContractTokens.epochIn(Duration.ofMinutes(5))));

        GoTrueReply admin = gotrue().call("GET", "/admin/users").bearer(serviceRole).send();
        GoTrueReply notAdmin = gotrue().call("GET", "/admin/users").bearer(authenticated).send();

        expectStatus(admin, 200);
        assertTrue(admin.json().path("users").isArray(), admin::toString);
        expectBody(notAdmin, 403, "{\"code\":403,\"error_code\":\"not_admin\",\"msg\":\"User not allowed\"}");
    }

    @Test
    @DisplayName("check 47 [S]: an admin request with a non-JWT bearer returns 403 bad_jwt, without Authorization"
            + " 401 no_authorization")
    default void check47AdminWithNonJwtIs403() {
        GoTrueReply notJwt = gotrue().call("GET", "/admin/users").bearer("not-a-jwt").send();
        GoTrueReply missing = gotrue().call("GET", "/admin/users").send();

        expectErrorPrefix(SUPABASE, notJwt, 403, "bad_jwt", "");
        expectError(SUPABASE, missing, 401, "no_authorization", SUPABASE_BEARER_REQUIRED);
    }

    // ---------------------------------------------------------------- 2.9: list users

    @Test
    @DisplayName("check 51 [S]: with 2 users and per_page=1 the Link header has next and last, never prev")
    default void check51SupabaseLinksNeverHavePrev() {
        gotrue().user("page", true);
        gotrue().user("page", true);

        GoTrueReply firstPage = gotrue().listUsers("?per_page=1");
        GoTrueReply secondPage = gotrue().listUsers("?page=2&per_page=1");

        expectStatus(firstPage, 200);
        assertEquals("</admin/users?page=2&per_page=1>; rel=\"next\", </admin/users?page=2&per_page=1>; rel=\"last\"",
                firstPage.header("Link").orElse(null), firstPage::toString);
        expectStatus(secondPage, 200);
        assertTrue(linkEntries(secondPage).contains("</admin/users?page=2&per_page=1>; rel=\"last\""),
                secondPage::toString);
        assertTrue(linkEntries(secondPage).stream().noneMatch(entry -> entry.endsWith("rel=\"prev\"")),
                secondPage::toString);
    }

    // ---------------------------------------------------------------- 2.10, 2.12: create and delete

    @Test
    @DisplayName("check 57 [S]: POST /admin/users with email_confirm creates a confirmed user; a duplicate gets"
            + " 422 email_exists")
    default void check57SupabaseAdminCreateConfirmsAndRejectsDuplicate() {
        String email = TestUsers.randomEmail("admin");
        String password = TestUsers.randomPassword();

        GoTrueReply created = gotrue().createUser(email, password, true, Map.of());
        GoTrueReply duplicate = gotrue().createUser(email, password, true, Map.of());

        expectStatus(created, 200);
        assertTrue(created.json().path("email_confirmed_at").isTextual(), created::toString);
        expectError(SUPABASE, duplicate, 422, "email_exists",
                "A user with this email address has already been registered");
    }

    @Test
    @DisplayName("check 60 [S]: DELETE /admin/users/not-a-uuid returns 404 validation_failed")
    default void check60SupabaseDeleteWithBadIdIs404() {
        GoTrueReply reply = gotrue().deleteUser("not-a-uuid");

        expectBody(reply, 404, "{\"code\":404,\"error_code\":\"validation_failed\",\"msg\":\"user_id must be an UUID\"}");
    }

    // ---------------------------------------------------------------- 2.14: rate limits

    @Test
    @DisplayName("check 64 [S]: with GOTRUE_RATE_LIMIT_ANONYMOUS_USERS=5 the 6th anonymous signup from one header"
            + " value gets 429")
    default void check64AnonymousRateLimitIsPerHeaderValue() {
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
    default void check65SupabaseErrorsCarryCodeHeaderAndVersionedShape() {
        GoTrueReply plain = gotrue().call("GET", "/user").send();
        GoTrueReply versioned = gotrue().call("GET", "/user").header("X-Supabase-Api-Version", "2024-01-01").send();

        expectStatus(plain, 401);
        assertEquals(plain.text("error_code"), plain.header("x-sb-error-code").orElse(null), plain::toString);
        expectBody(versioned, 401,
                "{\"code\":\"no_authorization\",\"message\":\"" + SUPABASE_BEARER_REQUIRED + "\"}");
        assertEquals("2024-01-01", versioned.header("X-Supabase-Api-Version").orElse(null), versioned::toString);
    }
}
