package example.backend;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.Ports;
import dev.anonbroker.token.support.ForgedTokens;
import dev.anonbroker.token.support.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java (Micronaut) backend example against a real broker: it accepts broker tokens, rejects every kind of bad
 * token, and keeps accepting old and new tokens across a key rotation without a restart. The test generates the
 * broker's keys and signs the bad tokens with them itself.
 */
class JavaBackendExampleTest {

    private static final ECKey OLD = TestKeys.ec("old");
    private static final ECKey NEW = TestKeys.ec("new");
    private static final int PORT = Ports.freePort();
    private static final String ISSUER = "http://localhost:" + PORT;
    private static BrokerHarness broker;
    private static ExampleBackend backend;

    @BeforeAll
    static void start() {
        broker = startBroker(OLD);
        // One second instead of the example's 60, so the rotation test does not wait a minute.
        backend = ExampleBackend.start(ISSUER,
                Map.of("micronaut.security.token.jwt.signatures.jwks.anon-broker.cache-expiration", 1));
    }

    @AfterAll
    static void stop() {
        backend.close();
        broker.close();
    }

    private static BrokerHarness startBroker(ECKey... keys) {
        return BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of(
                "micronaut.server.port", PORT,
                "broker.issuer", ISSUER,
                "broker.audiences", List.of("backend", "reports"),
                "broker.signing.jwks", TestKeys.jwks(keys)));
    }

    /**
     * Starts the broker again on the same port (the issuer names it). The port can be taken for a moment after the
     * old broker stopped (by the kernel, or by the new emulator's own free-port pick), so this retries until the
     * bind succeeds, with a deadline; any other start-up failure is thrown at once.
     */
    private static BrokerHarness restartBroker(ECKey... keys) {
        AtomicReference<BrokerHarness> started = new AtomicReference<>();
        Await.until("the broker restarts on port " + PORT, Duration.ofSeconds(15), () -> {
            try {
                started.set(startBroker(keys));
                return true;
            } catch (RuntimeException failure) {
                if (!portTaken(failure)) {
                    throw failure;
                }
                return false;
            }
        });
        return started.get();
    }

    private static boolean portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException
                    || String.valueOf(cause.getMessage()).contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    private static HttpResponse<String> call(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(backend.uri("/api/whoami")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return BrokerHarness.send(request.build());
    }

    @Test
    void aBrokerTokenIsAccepted() {
        String token = broker.accessToken("backend");

        HttpResponse<String> response = call(token);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(BrokerHarness.json(response).get("sid").asText().length() > 10);
    }

    @Test
    void theBackendRunsWithoutTheBrokersBeans() {
        assertTrue(backend.context().getBeanDefinitions(dev.anonbroker.token.BrokerTokenVerifier.class).isEmpty());
        assertEquals(401, call(null).statusCode(), "no token, no entry");
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        JWTClaimsSet good = ForgedTokens.claims(ISSUER, "backend", now, Duration.ofMinutes(10)).build();
        JWSHeader plainJwt = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID("old").build();
        return Stream.of(
                Arguments.of("control: a token the test signs like the broker is accepted", ForgedTokens.es256(OLD, good), 200),
                Arguments.of("expired", ForgedTokens.es256(OLD, ForgedTokens.claims(ISSUER, "backend",
                        now.minus(Duration.ofMinutes(30)), Duration.ofMinutes(10)).build()), 401),
                Arguments.of("not yet valid", ForgedTokens.es256(OLD, ForgedTokens.claims(ISSUER, "backend",
                        now.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10)).build()), 401),
                Arguments.of("wrong audience", ForgedTokens.es256(OLD,
                        ForgedTokens.claims(ISSUER, "reports", now, Duration.ofMinutes(10)).build()), 401),
                Arguments.of("wrong issuer", ForgedTokens.es256(OLD,
                        ForgedTokens.claims("https://evil.test", "backend", now, Duration.ofMinutes(10)).build()), 401),
                Arguments.of("issuer that differs by a trailing slash", ForgedTokens.es256(OLD,
                        ForgedTokens.claims(ISSUER + "/", "backend", now, Duration.ofMinutes(10)).build()), 401),
                Arguments.of("issuer with https instead of http", ForgedTokens.es256(OLD, ForgedTokens.claims(
                        ISSUER.replace("http:", "https:"), "backend", now, Duration.ofMinutes(10)).build()), 401),
                Arguments.of("issuer that is a suffix of the real one", ForgedTokens.es256(OLD, ForgedTokens.claims(
                        String.valueOf(PORT), "backend", now, Duration.ofMinutes(10)).build()), 401),
                Arguments.of("tampered payload", ForgedTokens.withPayload(ForgedTokens.es256(OLD, good),
                        ForgedTokens.claims(ISSUER, "backend", now, Duration.ofDays(9)).build()), 401),
                Arguments.of("tampered signature", ForgedTokens.tampered(ForgedTokens.es256(OLD, good)), 401),
                Arguments.of("alg none", ForgedTokens.none(good), 401),
                Arguments.of("HS256 keyed with the public key", ForgedTokens.hs256WithPublicKey(OLD, good), 401),
                Arguments.of("unknown kid", ForgedTokens.es256(TestKeys.ec("unknown"), good), 401),
                Arguments.of("typ JWT instead of at+jwt", ForgedTokens.es256(OLD, plainJwt, good), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void onlyValidBrokerTokensAreAccepted(String description, String token, int status) {
        assertEquals(status, call(token).statusCode(), description);
    }

    @Test
    void aTokenForAnotherAudienceOfTheSameBrokerIsRejected() {
        assertEquals(401, call(broker.accessToken("reports")).statusCode());
    }

    @Test
    void afterAKeyRotationOldAndNewTokensVerifyWithoutRestartingTheBackend() {
        String before = broker.accessToken("backend");
        assertEquals(200, call(before).statusCode());

        broker.close();
        broker = restartBroker(NEW, OLD);
        String after = broker.accessToken("backend");

        Await.until("the backend accepts a token of the new key", Duration.ofSeconds(15),
                () -> call(after).statusCode() == 200);
        assertEquals(200, call(before).statusCode(), "tokens of the old key still verify");
    }
}
