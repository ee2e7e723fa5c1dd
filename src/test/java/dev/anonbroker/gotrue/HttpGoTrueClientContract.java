package dev.anonbroker.gotrue;

import dev.anonbroker.gotrue.support.EmulatedGoTrue;
import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GoTrue client contract, written once and run over real HTTP against the emulator of each flavor
 * ({@link NetlifyHttpGoTrueClientTest}, {@link SupabaseHttpGoTrueClientTest}). The client is the real bean of a
 * Micronaut context pointed at the emulator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpGoTrueClientContract {

    static final Map<String, Object> MARKER = Map.of("anon_broker", "v1");
    static final String VISITOR_IP = "203.0.113.7";

    EmulatedGoTrue gotrue;
    GoTrueClient client;
    String jwtSecret;
    String operatorToken;

    abstract GoTrueFlavor flavor();

    /** The admin credential properties this flavor's suite runs with. */
    abstract Map<String, Object> adminProperties();

    /** GoTrue's error code for a password grant with a wrong password. */
    abstract String badGrantErrorCode();

    /** The status of {@code GET /user} for a user that was deleted. */
    abstract int deletedUserStatus();

    @BeforeAll
    void startEmulatorAndContext() {
        jwtSecret = TestSecrets.random(32);
        operatorToken = TestSecrets.random(32);
        gotrue = EmulatedGoTrue.start(flavor(), BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor()), jwtSecret)
                .withOperatorToken(operatorToken), adminProperties());
        client = gotrue.client();
    }

    @AfterAll
    void stop() {
        if (gotrue != null) {
            gotrue.close();
        }
    }

    @Test
    void signUpThenPasswordGrantGivesTokensOfTheNewUser() {
        ThrowawayCredentials credentials = TestGoTrue.credentials("signup");

        SignUpResult result = client.signUp(credentials, MARKER, VISITOR_IP);
        GoTrueTokens tokens = client.passwordGrant(credentials, VISITOR_IP);

        assertEquals(credentials.email(), result.user().email());
        assertTrue(result.user().confirmed(), "autoconfirm is on");
        assertFalse(result.user().anonymous());
        assertEquals("v1", result.user().userMetadata().get("anon_broker"));
        assertEquals(flavor() == GoTrueFlavor.SUPABASE, result.hasTokens(), "only supabase answers signup with a session");
        assertTokens(tokens);
        assertEquals(result.user().id(), client.getUser(tokens.accessToken()).id());
    }

    @Test
    void createConfirmedUserThenPasswordGrant() {
        ThrowawayCredentials credentials = TestGoTrue.credentials("admin-create");

        GoTrueUser user = client.createConfirmedUser(credentials, MARKER);
        GoTrueTokens tokens = client.passwordGrant(credentials, null);

        assertTrue(user.confirmed());
        assertEquals(credentials.email(), user.email());
        assertEquals("v1", user.userMetadata().get("anon_broker"));
        assertTokens(tokens);
        GoTrueUser verified = client.getUser(tokens.accessToken());
        assertEquals(user.id(), verified.id());
        assertEquals(credentials.email(), verified.email());
    }

    @Test
    void listUsersReturnsTheStoredUser() {
        GoTrueUser created = client.createConfirmedUser(TestGoTrue.credentials("listed"), MARKER);

        List<GoTrueUser> listed = client.listUsers(new UserQuery(1, 10, created.email(), false)).users();
        assertEquals(1, listed.size());
        GoTrueUser fetched = listed.get(0);

        assertEquals(created.id(), fetched.id());
        assertEquals(created.email(), fetched.email());
        assertEquals(created.aud(), fetched.aud());
        assertNotNull(fetched.createdAt());
        assertEquals(MARKER.get("anon_broker"), fetched.userMetadata().get("anon_broker"));
    }

    @Test
    void deleteThenDeleteAgainIsAlreadyGone() {
        ThrowawayCredentials credentials = TestGoTrue.credentials("delete");
        GoTrueUser user = client.createConfirmedUser(credentials, MARKER);
        GoTrueTokens tokens = client.passwordGrant(credentials, null);

        DeleteOutcome first = client.deleteUser(user.id());
        DeleteOutcome second = client.deleteUser(user.id());

        assertEquals(DeleteOutcome.DELETED, first);
        assertEquals(DeleteOutcome.ALREADY_GONE, second);
        assertEquals(0, client.listUsers(new UserQuery(1, 10, credentials.email(), false)).totalCount());
        GoTrueException verify = assertThrows(GoTrueException.class, () -> client.getUser(tokens.accessToken()));
        assertEquals(GoTrueException.Kind.REJECTED, verify.kind());
        assertEquals(deletedUserStatus(), verify.status());
    }

    @Test
    void listUsersPagesWithTotalCountAndNextLink() {
        String tag = "list-" + UUID.randomUUID().toString().substring(0, 8);
        createUsers(tag, 3);

        GoTrueUserPage first = client.listUsers(new UserQuery(1, 2, tag, false));
        GoTrueUserPage second = client.listUsers(new UserQuery(2, 2, tag, false));

        assertEquals(3, first.totalCount());
        assertEquals(2, first.users().size());
        assertTrue(first.hasNext());
        assertEquals(3, second.totalCount());
        assertEquals(1, second.users().size());
        assertFalse(second.hasNext());
        assertTrue(first.users().stream().allMatch(user -> user.email().startsWith(tag)));
    }

    @Test
    void listUsersFilterMatchesOnlyThoseEmails() {
        String tag = "filter-" + UUID.randomUUID().toString().substring(0, 8);
        List<GoTrueUser> created = createUsers(tag, 2);
        client.createConfirmedUser(TestGoTrue.credentials("other"), MARKER);

        GoTrueUserPage page = client.listUsers(new UserQuery(1, 50, tag, false));
        GoTrueUserPage all = client.listUsers(new UserQuery(1, 1, null, false));

        assertEquals(2, page.totalCount());
        assertEquals(created.stream().map(GoTrueUser::id).sorted().toList(),
                page.users().stream().map(GoTrueUser::id).sorted().toList());
        assertTrue(all.totalCount() > 2, "without a filter every user of the audience counts");
    }

    @Test
    void listUsersOldestFirstReversesTheOrder() {
        String tag = "order-" + UUID.randomUUID().toString().substring(0, 8);
        List<GoTrueUser> created = createUsers(tag, 3);

        List<GoTrueUser> oldestFirst = client.listUsers(new UserQuery(1, 10, tag, true)).users();
        List<GoTrueUser> newestFirst = client.listUsers(new UserQuery(1, 10, tag, false)).users();

        Comparator<GoTrueUser> byCreation = Comparator.comparing(GoTrueUser::createdAt);
        assertEquals(oldestFirst.stream().sorted(byCreation).toList(), oldestFirst);
        assertEquals(newestFirst.stream().sorted(byCreation.reversed()).toList(), newestFirst);
        if (created.stream().map(GoTrueUser::createdAt).distinct().count() == created.size()) {
            assertEquals(created.get(0).id(), oldestFirst.get(0).id());
            assertEquals(created.get(2).id(), newestFirst.get(0).id());
        }
    }

    @Test
    void wrongPasswordIsRejectedWithGoTruesCodeAndNoSecretInTheMessage() {
        ThrowawayCredentials credentials = TestGoTrue.credentials("wrong");
        client.createConfirmedUser(credentials, MARKER);
        ThrowawayCredentials wrong = new ThrowawayCredentials(credentials.email(), TestSecrets.random(32));

        GoTrueException error = assertThrows(GoTrueException.class, () -> client.passwordGrant(wrong, VISITOR_IP));

        assertEquals(GoTrueException.Kind.REJECTED, error.kind());
        assertEquals(400, error.status());
        assertEquals(badGrantErrorCode(), error.errorCode());
        assertFalse(error.getMessage().contains(wrong.password()));
        assertFalse(error.getMessage().contains(credentials.password()));
        assertFalse(error.isTransient());
    }

    @Test
    void getUserWithAForgedTokenIsRejected() {
        GoTrueException error = assertThrows(GoTrueException.class, () -> client.getUser("e30.e30.c2ln"));

        assertEquals(GoTrueException.Kind.REJECTED, error.kind());
        assertEquals(flavor() == GoTrueFlavor.SUPABASE ? 403 : 401, error.status());
    }

    @Test
    void isReachableWhileGoTrueRuns() {
        assertTrue(client.isReachable());
    }

    List<GoTrueUser> createUsers(String tag, int count) {
        List<GoTrueUser> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(client.createConfirmedUser(TestGoTrue.credentials(tag + "-" + i), MARKER));
        }
        return users;
    }

    static void assertTokens(GoTrueTokens tokens) {
        assertFalse(tokens.accessToken() == null || tokens.accessToken().isEmpty());
        assertFalse(tokens.refreshToken() == null || tokens.refreshToken().isEmpty());
        assertTrue(tokens.expiresIn() > 3500 && tokens.expiresIn() <= 3600, "expires_in " + tokens.expiresIn());
    }
}
