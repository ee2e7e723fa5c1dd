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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.anonbroker.emulator.contract.ContractAssertions.expectBody;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectError;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectErrorPrefix;
import static dev.anonbroker.emulator.contract.ContractAssertions.expectStatus;
import static dev.anonbroker.emulator.contract.ContractAssertions.ids;
import static dev.anonbroker.emulator.contract.ContractAssertions.parse;
import static dev.anonbroker.emulator.contract.Flavor.NETLIFY;
import static dev.anonbroker.emulator.contract.Flavor.SUPABASE;
import static dev.anonbroker.emulator.contract.support.TestUsers.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GoTrue conformance checks of src/main/docs/guide/gotrue-compatibility.md section 6, one test per numbered check,
 * written once and run over HTTP against every target a subclass provides (micronaut-core's http-client TCK is the
 * model). The checks of both flavors ([N,S]) are here; a subclass also implements the checks of its target's flavor,
 * {@link NetlifyContractChecks} or {@link SupabaseContractChecks}, so a flavor's report holds exactly its own checks.
 *
 * <p>Each test works in a fresh random audience ({@code X-JWT-AUD}), so user counts and listings see only the users
 * that test created; those users are deleted afterwards. Checks that need another server configuration get a target
 * for it from {@link GoTrueTarget#acquire} (a fresh emulator, or a skip on a live server).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GoTrueContractSuite implements ContractContext {

    private GoTrueTarget target;
    private GoTrueDriver gotrue;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    /** The target of this run; called once per test class. */
    protected abstract GoTrueTarget openTarget();

    @BeforeAll
    void startTarget() {
        target = openTarget();
        if (target.flavor() != flavor()) {
            throw new IllegalStateException(getClass().getSimpleName() + " runs the " + flavor()
                    + " checks, but its target is " + target);
        }
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

    @Override
    public GoTrueTarget target() {
        return target;
    }

    @Override
    public GoTrueDriver gotrue() {
        return gotrue;
    }

    @Override
    public GoTrueDriver on(TargetSetup setup) {
        TargetLease lease = target.acquire(setup);
        perTest.add(lease);
        GoTrueDriver driver = new GoTrueDriver(lease.target(), TestUsers.randomAudience());
        perTest.add(driver);
        return driver;
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

    // ---------------------------------------------------------------- 3: access-token JWT

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
    @DisplayName("check 40 [N,S]: POST /logout with a valid token returns 204 with an empty body")
    void check40LogoutIs204WithoutBody() {
        String token = gotrue.login(gotrue.user("logout", true)).path("access_token").asText();

        GoTrueReply reply = gotrue.logout(token);

        expectStatus(reply, 204);
        assertEquals("", reply.body(), reply::toString);
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
    @DisplayName("check 61 [N,S]: after DELETE /admin/users/{id}, the user's refresh token no longer works")
    void check61DeletedUsersRefreshTokenFails() {
        TestUser user = gotrue.user("delete", true);
        String refreshToken = gotrue.login(user).path("refresh_token").asText();
        expectStatus(gotrue.deleteUser(user.id()), 200);

        GoTrueReply reply = gotrue.refreshGrant(refreshToken);

        if (target.flavor() == NETLIFY) {
            expectBody(reply, 400, NetlifyContractChecks.NETLIFY_INVALID_REFRESH);
        } else {
            expectError(SUPABASE, reply, 400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        }
    }
}
