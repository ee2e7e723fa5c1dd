package dev.anonbroker.emulator;

import dev.anonbroker.support.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slow sign-up the client gave up on still creates its user once the delay is over, as real GoTrue does: it
 * finishes the request it has read, whoever is still listening. The broker's lookup by email relies on this.
 */
class AbandonedSignupTest {

    private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration SIGNUP_LATENCY = Duration.ofMillis(1500);

    private static final Map<EmulatorFlavor, GoTrueEmulator> EMULATORS = new EnumMap<>(EmulatorFlavor.class);

    @BeforeAll
    static void start() {
        for (EmulatorFlavor flavor : EmulatorFlavor.values()) {
            EMULATORS.put(flavor, GoTrueEmulator.start(TestHttp.options(flavor)));
        }
    }

    @AfterAll
    static void stop() {
        EMULATORS.values().forEach(GoTrueEmulator::close);
    }

    @ParameterizedTest
    @EnumSource(EmulatorFlavor.class)
    void theUserAppearsAfterTheClientGaveUp(EmulatorFlavor flavor) throws Exception {
        GoTrueEmulator emulator = EMULATORS.get(flavor);
        emulator.setFault("POST /signup", FaultRule.latency(SIGNUP_LATENCY));
        String email = "abandoned-" + flavor.name().toLowerCase() + "@example.org";
        TestHttp http = new TestHttp(emulator);
        HttpRequest.Builder signup = http.request("/signup").timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + email + "\",\"password\":\"a-long-enough-password\"}"));

        long start = System.nanoTime();
        assertThrows(HttpTimeoutException.class, () -> http.sendRaw(signup));
        long gaveUpAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(gaveUpAfter < SIGNUP_LATENCY.toMillis(), "the client gave up first, after " + gaveUpAfter + " ms");
        List<EmulatedUser> early = emulator.users().stream().filter(u -> email.equals(u.email())).toList();
        emulator.clearFaults();

        awaitUser(emulator, email);
        long createdAfter = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(List.of(), early, "not yet created when the client gave up");
        assertTrue(createdAfter >= SIGNUP_LATENCY.toMillis(), "created after the delay, not before: " + createdAfter);
        assertEquals(200, http.get("/health").status(), "the abandoned request left the emulator serving");
    }

    private static void awaitUser(GoTrueEmulator emulator, String email) {
        Await.until("the abandoned sign-up's user exists", Duration.ofSeconds(10),
                () -> emulator.users().stream().anyMatch(u -> email.equals(u.email())));
    }
}
