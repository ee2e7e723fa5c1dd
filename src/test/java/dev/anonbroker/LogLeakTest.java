package dev.anonbroker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures every log line of a full run (sessions in each mode, exchange, refresh, GoTrue failures) with the
 * broker's own loggers at TRACE, and searches it for the secrets and tokens that passed through: none may appear,
 * nor anything shaped like a JWT or a throwaway password.
 */
class LogLeakTest {

    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
    private static final Pattern PASSWORD_SHAPE = Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    @Test
    void noTokenPasswordOrSecretIsEverLogged() {
        List<String> secrets = new ArrayList<>(List.of(TestSecrets.GOTRUE_JWT_SECRET, TestSecrets.OPERATOR_TOKEN));
        List<ILoggingEvent> captured;
        try (LogCapture capture = LogCapture.start(Level.DEBUG, Level.TRACE)) {
            exerciseEverything(secrets);
            captured = capture.events();
        }

        assertTrue(captured.size() > 10, "the run logged something to search");
        for (ILoggingEvent event : captured) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : " " + event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "a secret or token was logged by " + event.getLoggerName());
            }
            assertFalse(JWT_SHAPE.matcher(line).find(), "a JWT was logged by " + event.getLoggerName() + ": " + line);
            String withoutKeyIds = line.replaceAll("(kid|key) [A-Za-z0-9_-]+", "key id");
            assertFalse(PASSWORD_SHAPE.matcher(withoutKeyIds).results().anyMatch(m -> looksRandom(m.group())),
                    "a password-shaped value was logged by " + event.getLoggerName() + ": " + line);
        }
    }

    /** 43 base64url characters with digits, upper and lower case: a throwaway password, not a class name. */
    private static boolean looksRandom(String candidate) {
        return candidate.chars().anyMatch(Character::isDigit) && candidate.chars().anyMatch(Character::isUpperCase)
                && candidate.chars().anyMatch(Character::isLowerCase);
    }

    private static void exerciseEverything(List<String> secrets) {
        for (String mode : List.of("signup", "admin-create")) {
            try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                    Map.of("broker.gotrue.mode", mode))) {
                JsonNode session = BrokerHarness.json(broker.post("/anon-session", null));
                secrets.add(session.get("access_token").asText());
                secrets.add(session.get("refresh_token").asText());
                JsonNode refreshed = BrokerHarness.json(broker.refresh(session.get("refresh_token").asText()));
                secrets.add(refreshed.get("access_token").asText());
                secrets.add(refreshed.get("refresh_token").asText());
                String gotrueToken = FrontendGoTrue.signUpAndLogIn(broker.emulator().baseUrl(),
                        FrontendGoTrue.throwawayEmail(), EmulatorAdmin.marker("frontend-test"));
                secrets.add(gotrueToken);
                HttpResponse<String> exchanged = broker.post("/anon-session/exchange", null,
                        "Authorization", "Bearer " + gotrueToken);
                assertEquals(200, exchanged.statusCode(), exchanged.body());
                secrets.add(BrokerHarness.accessTokenOf(exchanged));
                HttpResponse<String> replayed = broker.post("/anon-session/exchange", null,
                        "Authorization", "Bearer " + gotrueToken);
                assertEquals(401, replayed.statusCode(), "a replayed exchange is refused: " + replayed.body());
                broker.emulator().setFault("DELETE /admin/users", FaultRule.serverErrors(1.0));
                assertEquals(200, broker.post("/anon-session", null).statusCode());
                broker.emulator().setFault("POST /token", FaultRule.serverErrors(1.0));
                broker.post("/anon-session", null);
                broker.emulator().clearFaults();
                broker.awaitNoThrowawayUsers();
            }
        }
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE),
                Map.of("broker.gotrue.mode", "anonymous"))) {
            secrets.add(BrokerHarness.json(broker.post("/anon-session", null)).get("access_token").asText());
            broker.awaitNoThrowawayUsers();
        }
    }
}
