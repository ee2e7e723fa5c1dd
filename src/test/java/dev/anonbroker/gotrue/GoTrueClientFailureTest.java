package dev.anonbroker.gotrue;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.gotrue.support.EmulatedGoTrue;
import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GoTrue misbehaving (429, 5xx, slow, dropped, gone) becomes the right {@link GoTrueException} in both flavors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoTrueClientFailureTest {

    private final Map<GoTrueFlavor, EmulatedGoTrue> gotrues = new EnumMap<>(GoTrueFlavor.class);

    @BeforeAll
    void start() {
        for (GoTrueFlavor flavor : GoTrueFlavor.values()) {
            String secret = TestSecrets.random(32);
            gotrues.put(flavor, EmulatedGoTrue.start(flavor,
                    BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor), secret),
                    Map.of("broker.gotrue.jwt-secret", secret)));
        }
    }

    @AfterEach
    void clearFaults() {
        gotrues.values().forEach(gotrue -> gotrue.emulator().clearFaults());
    }

    @AfterAll
    void stop() {
        gotrues.values().forEach(EmulatedGoTrue::close);
    }

    @ParameterizedTest(name = "{0}: 429 with Retry-After: 7")
    @EnumSource(GoTrueFlavor.class)
    void rateLimitedWithRetryAfter(GoTrueFlavor flavor) {
        gotrues.get(flavor).emulator().setFault("POST /signup", FaultRule.rateLimited(1.0, Duration.ofSeconds(7)));
        ThrowawayCredentials credentials = TestGoTrue.credentials("limited");

        GoTrueException error = assertThrows(GoTrueException.class,
                () -> client(flavor).signUp(credentials, Map.of(), "198.51.100.1"));

        assertEquals(GoTrueException.Kind.RATE_LIMITED, error.kind());
        assertEquals(429, error.status());
        assertEquals(Optional.of(Duration.ofSeconds(7)), error.retryAfter());
        assertEquals(flavor == GoTrueFlavor.SUPABASE ? "over_request_rate_limit" : null, error.errorCode());
        assertTrue(error.isTransient());
        assertFalse(error.getMessage().contains(credentials.password()));
    }

    @ParameterizedTest(name = "{0}: 429 without Retry-After, as GoTrue sends it")
    @EnumSource(GoTrueFlavor.class)
    void rateLimitedWithoutRetryAfter(GoTrueFlavor flavor) {
        gotrues.get(flavor).emulator().setFault("POST /token", FaultRule.rateLimited(1.0, null));

        GoTrueException error = assertThrows(GoTrueException.class,
                () -> client(flavor).passwordGrant(TestGoTrue.credentials("limited"), null));

        assertEquals(GoTrueException.Kind.RATE_LIMITED, error.kind());
        assertEquals(Optional.empty(), error.retryAfter());
    }

    @ParameterizedTest(name = "{0}: 500 on list and delete")
    @EnumSource(GoTrueFlavor.class)
    void serverErrorsAreServerErrorsNotAlreadyGone(GoTrueFlavor flavor) {
        GoTrueUser user = client(flavor).createConfirmedUser(TestGoTrue.credentials("five-hundred"), Map.of());
        gotrues.get(flavor).emulator().setFault("GET /admin/users", FaultRule.serverErrors(1.0));
        gotrues.get(flavor).emulator().setFault("DELETE /admin/users", FaultRule.serverErrors(1.0));

        GoTrueException list = assertThrows(GoTrueException.class,
                () -> client(flavor).listUsers(new UserQuery(1, 10, null, false)));
        GoTrueException delete = assertThrows(GoTrueException.class, () -> client(flavor).deleteUser(user.id()));

        assertEquals(GoTrueException.Kind.SERVER_ERROR, list.kind());
        assertEquals(500, list.status());
        assertEquals(GoTrueException.Kind.SERVER_ERROR, delete.kind());
        assertTrue(delete.isTransient());
    }

    @ParameterizedTest(name = "{0}: answer slower than the read timeout")
    @EnumSource(GoTrueFlavor.class)
    void slowAnswerIsATimeout(GoTrueFlavor flavor) {
        EmulatedGoTrue gotrue = gotrues.get(flavor);
        gotrue.emulator().setFault("POST /token", FaultRule.latency(Duration.ofSeconds(3)));
        try (ApplicationContext impatient = EmulatedGoTrue.context(flavor, gotrue.emulator().baseUrl(),
                Map.of("broker.gotrue.read-timeout", "300ms"))) {
            GoTrueClient client = impatient.getBean(GoTrueClient.class);
            long started = System.nanoTime();

            GoTrueException error = assertThrows(GoTrueException.class,
                    () -> client.passwordGrant(TestGoTrue.credentials("slow"), null));

            assertEquals(GoTrueException.Kind.TIMEOUT, error.kind());
            assertEquals(0, error.status());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(2500)) < 0,
                    "gave up after the read timeout, not after GoTrue's answer");
        }
    }

    @ParameterizedTest(name = "{0}: connection closed without an answer")
    @EnumSource(GoTrueFlavor.class)
    void droppedConnectionIsUnreachable(GoTrueFlavor flavor) {
        gotrues.get(flavor).emulator().setFault("POST /token", FaultRule.dropped(1.0));
        gotrues.get(flavor).emulator().setFault("GET /health", FaultRule.dropped(1.0));

        GoTrueException error = assertThrows(GoTrueException.class,
                () -> client(flavor).passwordGrant(TestGoTrue.credentials("dropped"), null));

        assertEquals(GoTrueException.Kind.UNREACHABLE, error.kind());
        assertEquals(0, error.status());
        assertFalse(client(flavor).isReachable());
    }

    @Test
    void closedGoTrueIsUnreachable() {
        GoTrueEmulator emulator = GoTrueEmulator.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY, TestSecrets.random(32)));
        String baseUrl = emulator.baseUrl();
        emulator.close();
        try (ApplicationContext context = EmulatedGoTrue.context(GoTrueFlavor.NETLIFY, baseUrl, Map.of())) {
            GoTrueClient client = context.getBean(GoTrueClient.class);

            GoTrueException error = assertThrows(GoTrueException.class,
                    () -> client.signUp(TestGoTrue.credentials("refused"), Map.of(), null));

            assertEquals(GoTrueException.Kind.UNREACHABLE, error.kind());
            assertTrue(error.isTransient());
            assertFalse(client.isReachable());
        }
    }

    private GoTrueClient client(GoTrueFlavor flavor) {
        return gotrues.get(flavor).client();
    }
}
