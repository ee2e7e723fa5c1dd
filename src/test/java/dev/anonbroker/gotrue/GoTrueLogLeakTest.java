package dev.anonbroker.gotrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.gotrue.support.EmulatedGoTrue;
import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every client method, successes and failures, with all logging on at DEBUG, and checks that no password,
 * access or refresh token, admin token, admin JWT or JWT secret appears in any log message, argument or exception.
 */
class GoTrueLogLeakTest {

    private LogCapture captured;

    @BeforeEach
    void capture() {
        captured = LogCapture.start(Level.DEBUG);
    }

    @AfterEach
    void release() {
        captured.close();
    }

    @ParameterizedTest(name = "{0}: no secret in the logs")
    @EnumSource(GoTrueFlavor.class)
    void noSecretReachesTheLogs(GoTrueFlavor flavor) {
        String jwtSecret = TestSecrets.random(32);
        String operatorToken = TestSecrets.random(32);
        Map<String, Object> admin = flavor == GoTrueFlavor.NETLIFY
                ? Map.of("broker.gotrue.admin-token", operatorToken)
                : Map.of("broker.gotrue.jwt-secret", jwtSecret, "broker.gotrue.api-key", operatorToken);
        List<String> secrets = new ArrayList<>(List.of(jwtSecret, operatorToken));
        try (EmulatedGoTrue gotrue = EmulatedGoTrue.start(flavor,
                BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor), jwtSecret)
                        .withOperatorToken(operatorToken), admin)) {
            exerciseEveryMethod(gotrue, secrets);
            if (flavor == GoTrueFlavor.SUPABASE) {
                secrets.add(gotrue.context().getBean(GoTrueAdminAuthorization.class).bearer());
            }
        }

        assertTrue(captured.events().stream().anyMatch(event -> event.getLoggerName().startsWith("dev.anonbroker.gotrue")),
                "the client logged its calls at DEBUG");
        for (ILoggingEvent event : captured.events()) {
            String text = render(event);
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "secret leaked by " + event.getLoggerName() + ": " + event.getMessage());
            }
        }
    }

    private static void exerciseEveryMethod(EmulatedGoTrue gotrue, List<String> secrets) {
        GoTrueClient client = gotrue.client();
        ThrowawayCredentials signedUp = TestGoTrue.credentials("leak-signup");
        ThrowawayCredentials created = TestGoTrue.credentials("leak-admin");
        secrets.addAll(List.of(signedUp.password(), created.password()));

        SignUpResult result = client.signUp(signedUp, Map.of("anon_broker", "v1"), "192.0.2.1");
        GoTrueTokens first = client.passwordGrant(signedUp, "192.0.2.1");
        GoTrueUser user = client.createConfirmedUser(created, Map.of("anon_broker", "v1"));
        GoTrueTokens second = client.passwordGrant(created, null);
        addTokens(secrets, first, second, result.tokens());
        if (gotrue.emulator().options().flavor().name().equals("SUPABASE")) {
            addTokens(secrets, client.signUpAnonymously(Map.of(), "192.0.2.1"));
        }
        client.getUser(first.accessToken());
        client.listUsers(new UserQuery(1, 1, "leak", true));
        client.settings();
        client.isReachable();
        client.deleteUser(user.id());
        client.deleteUser(user.id());
        assertThrows(GoTrueException.class, () -> client.getUser(second.accessToken()));
        assertThrows(GoTrueException.class,
                () -> client.passwordGrant(new ThrowawayCredentials(signedUp.email(), created.password()), null));
        gotrue.emulator().setFault("POST /signup", FaultRule.rateLimited(1.0, Duration.ofSeconds(1)));
        assertThrows(GoTrueException.class, () -> client.signUp(TestGoTrue.credentials("leak-429"), Map.of(), null));
        gotrue.emulator().setFault("POST /token", FaultRule.dropped(1.0));
        assertThrows(GoTrueException.class, () -> client.passwordGrant(signedUp, null));
    }

    private static void addTokens(List<String> secrets, GoTrueTokens... tokens) {
        Arrays.stream(tokens).filter(t -> t != null).forEach(t -> {
            secrets.add(t.accessToken());
            secrets.add(t.refreshToken());
        });
    }

    private static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        if (event.getArgumentArray() != null) {
            Arrays.stream(event.getArgumentArray()).forEach(argument -> text.append('\n').append(argument));
        }
        for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
            text.append('\n').append(error.getClassName()).append(": ").append(error.getMessage());
        }
        return text.toString();
    }
}
