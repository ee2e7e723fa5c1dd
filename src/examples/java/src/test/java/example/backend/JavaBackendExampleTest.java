package example.backend;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The example backend, exactly as configured by its {@code application.yml}, against the real broker jar in a
 * process of its own: it accepts broker tokens, rejects every kind of bad token, and keeps accepting old and new
 * tokens across a key rotation without a restart. The test generates the broker's keys and signs the bad tokens with
 * them itself.
 */
class JavaBackendExampleTest {

    private static final ECKey OLD = TestKeys.ec("old");
    private static final ECKey NEW = TestKeys.ec("new");
    private static final List<String> AUDIENCES = List.of("backend", "reports");
    private static final BrokerProcess BROKER = BrokerProcess.onPort(BrokerProcess.freePort());
    private static final String ISSUER = BROKER.issuer();
    private static final String COOKIE = "__Host-anon-broker";
    private static final String SITE = "https://www.example.test";
    private static EmbeddedServer backend;
    private static EmbeddedServer cookieBackend;

    @BeforeAll
    static void start() {
        BROKER.start(TestKeys.signingJwks(OLD), AUDIENCES);
        backend = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "ANON_BROKER_ISSUER", ISSUER,
                "micronaut.server.port", -1,
                "ANON_BROKER_BACKEND_URL", "https://api.example.test",
                // One second instead of the example's 60, so the rotation test does not wait a minute.
                "micronaut.security.token.jwt.signatures.jwks.anon-broker.cache-expiration", 1));
        cookieBackend = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "ANON_BROKER_ISSUER", ISSUER,
                "micronaut.server.port", -1,
                "ANON_BROKER_BACKEND_URL", "https://api.example.test",
                "ANON_BROKER_COOKIE_NAME", COOKIE,
                "ANON_BROKER_ALLOWED_ORIGINS", SITE + ",https://other.example.test",
                // Micronaut refuses requests from a non-local Origin to a server on a loopback address (drive-by
                // localhost attacks); this one listens on 127.0.0.1 only because it is a test, its Origins are not.
                "micronaut.server.cors.localhost-pass-through", true));
    }

    @AfterAll
    static void stop() {
        try {
            for (EmbeddedServer server : new EmbeddedServer[] {backend, cookieBackend}) {
                if (server != null) {
                    server.getApplicationContext().close();
                }
            }
        } finally {
            BROKER.close();
        }
    }

    private static HttpResponse<String> call(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.getURL() + "/api/whoami"))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return BrokerProcess.send(request.build());
    }

    @Test
    void aBrokerTokenIsAccepted() {
        Map<String, Object> session = BROKER.newSession("backend");

        HttpResponse<String> response = call((String) session.get("access_token"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(session.get("session_id"), BrokerProcess.json(response.body()).get("sid"));
    }

    private static HttpResponse<String> call(String scheme, String token, String... dpopProofs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend.getURL() + "/api/whoami"))
                .timeout(Duration.ofSeconds(10)).GET().header("Authorization", scheme + " " + token);
        for (String proof : dpopProofs) {
            request.header("DPoP", proof);
        }
        return BrokerProcess.send(request.build());
    }

    @Test
    void aDpopBoundTokenIsAcceptedOnlyWithAFreshProofByItsKey() {
        TestProofs browser = new TestProofs();
        Map<String, Object> session = BROKER.newSession("backend",
                browser.proof("POST", ISSUER + "/anon-session", null, Instant.now()));
        assertEquals("DPoP", session.get("token_type"));
        String token = (String) session.get("access_token");
        String whoami = "https://api.example.test/api/whoami";
        String proof = browser.proof("GET", whoami, token, Instant.now());

        assertEquals(200, call("DPoP", token, proof).statusCode(), "the token with its proof");
        assertEquals(401, call("DPoP", token, proof).statusCode(), "the same proof again");
        assertEquals(401, call("Bearer", token).statusCode(), "a bound token as Bearer");
        assertEquals(401, call("DPoP", token).statusCode(), "no proof");
        assertEquals(401, call("DPoP", token, new TestProofs().proof("GET", whoami, token, Instant.now()))
                .statusCode(), "a proof by another key");
        assertEquals(401, call("DPoP", token, browser.proof("GET", whoami, "other", Instant.now())).statusCode(),
                "ath of another token");
        assertEquals(401, call("DPoP", token, browser.proof("POST", whoami, token, Instant.now())).statusCode(),
                "another method");
        assertEquals(401, call("DPoP", token, browser.proof("GET", "https://evil.test/api/whoami", token,
                Instant.now())).statusCode(), "another URL");
        assertEquals(401, call("DPoP", token, browser.proof("GET", whoami, token,
                Instant.now().minusSeconds(120))).statusCode(), "a stale proof");
        assertEquals(200, call("DPoP", token, browser.proof("GET", whoami + "?q=1", token, Instant.now()))
                .statusCode(), "control: a new proof is accepted again, query ignored");
    }

    @Test
    void aBearerTokenIsNotAcceptedAsDpop() {
        String token = BROKER.accessToken("backend");
        assertEquals(200, call("Bearer", token).statusCode(), "control: as Bearer");

        assertEquals(401, call("DPoP", token, new TestProofs().proof("GET", "https://api.example.test/api/whoami",
                token, Instant.now())).statusCode());
    }

    /** {@code method /api/whoami} on {@code server} with the header name/value pairs {@code headers}. */
    private static HttpResponse<String> send(EmbeddedServer server, String method, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/whoami"))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return BrokerProcess.send(request.build());
    }

    private static String cookie(String token) {
        return "theme=dark; " + COOKIE + "=" + token;
    }

    @Test
    void withACookieNameTheTokenIsReadFromTheCookieAndUnsafeMethodsNeedAnAllowedOrigin() {
        Map<String, Object> session = BROKER.newSession("backend");
        String token = (String) session.get("access_token");

        HttpResponse<String> get = send(cookieBackend, "GET", "Cookie", cookie(token));
        assertEquals(200, get.statusCode(), get.body());
        assertEquals(session.get("session_id"), BrokerProcess.json(get.body()).get("sid"));
        HttpResponse<String> allowed = send(cookieBackend, "POST", "Cookie", cookie(token), "Origin", SITE);
        assertEquals(200, allowed.statusCode(), "POST from an allowed origin: " + allowed.body());
        assertRefusedForItsOrigin(send(cookieBackend, "POST", "Cookie", cookie(token), "Origin", "https://evil.test"),
                "POST from a foreign origin");
        assertRefusedForItsOrigin(send(cookieBackend, "POST", "Cookie", cookie(token)), "POST without Origin");
        assertRefusedForItsOrigin(send(cookieBackend, "DELETE", "Cookie", cookie(token), "Origin", "null"),
                "DELETE from an opaque origin");
        assertEquals(401, send(cookieBackend, "GET", "Cookie", cookie("not-a-token")).statusCode(), "a bad cookie");
        assertEquals(401, send(cookieBackend, "GET", "Cookie", cookie(token) + "; " + COOKIE + "=" + token)
                .statusCode(), "the cookie twice");
    }

    private static void assertRefusedForItsOrigin(HttpResponse<String> response, String description) {
        assertEquals(403, response.statusCode(), description);
        assertTrue(response.body().contains("needs an allowed Origin"), description + ": " + response.body());
    }

    @Test
    void withACookieNameTheAuthorizationHeaderStillWorksAndComesFirst() {
        String token = BROKER.accessToken("backend");

        assertEquals(200, send(cookieBackend, "POST", "Authorization", "Bearer " + token).statusCode(),
                "a header token needs no Origin");
        assertEquals(200, send(cookieBackend, "GET", "Authorization", "Bearer " + token, "Cookie",
                cookie("not-a-token")).statusCode(), "the header wins over the cookie");
    }

    @Test
    void aDpopBoundTokenIsRefusedFromTheCookie() {
        TestProofs browser = new TestProofs();
        String token = (String) BROKER.newSession("backend",
                browser.proof("POST", ISSUER + "/anon-session", null, Instant.now())).get("access_token");

        assertEquals(401, send(cookieBackend, "GET", "Cookie", cookie(token), "DPoP",
                browser.proof("GET", "https://api.example.test/api/whoami", token, Instant.now())).statusCode());
    }

    @Test
    void withoutACookieNameTheCookieIsIgnored() {
        String token = BROKER.accessToken("backend");
        assertEquals(200, send(cookieBackend, "GET", "Cookie", cookie(token)).statusCode(), "control: cookie on");

        assertEquals(401, send(backend, "GET", "Cookie", cookie(token)).statusCode());
    }

    @Test
    void aRequestWithoutATokenIsRefused() {
        assertEquals(401, call(null).statusCode(), "no token, no entry");
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        JWTClaimsSet good = TestTokens.claims(ISSUER, "backend", now, Duration.ofMinutes(10));
        JWSHeader plainJwt = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID("old").build();
        return Stream.of(
                Arguments.of("control: a token the test signs like the broker is accepted",
                        TestTokens.es256(OLD, good), 200),
                Arguments.of("expired", TestTokens.es256(OLD, TestTokens.claims(ISSUER, "backend",
                        now.minus(Duration.ofMinutes(30)), Duration.ofMinutes(10))), 401),
                Arguments.of("not yet valid", TestTokens.es256(OLD, TestTokens.claims(ISSUER, "backend",
                        now.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10))), 401),
                Arguments.of("wrong audience", TestTokens.es256(OLD,
                        TestTokens.claims(ISSUER, "reports", now, Duration.ofMinutes(10))), 401),
                Arguments.of("wrong issuer", TestTokens.es256(OLD,
                        TestTokens.claims("https://evil.test", "backend", now, Duration.ofMinutes(10))), 401),
                Arguments.of("issuer that differs by a trailing slash", TestTokens.es256(OLD,
                        TestTokens.claims(ISSUER + "/", "backend", now, Duration.ofMinutes(10))), 401),
                Arguments.of("issuer with https instead of http", TestTokens.es256(OLD, TestTokens.claims(
                        ISSUER.replace("http:", "https:"), "backend", now, Duration.ofMinutes(10))), 401),
                Arguments.of("issuer that is a suffix of the real one", TestTokens.es256(OLD, TestTokens.claims(
                        ISSUER.substring(ISSUER.lastIndexOf(':') + 1), "backend", now, Duration.ofMinutes(10))), 401),
                Arguments.of("tampered payload", TestTokens.withPayload(TestTokens.es256(OLD, good),
                        TestTokens.claims(ISSUER, "backend", now, Duration.ofDays(9))), 401),
                Arguments.of("tampered signature", TestTokens.tampered(TestTokens.es256(OLD, good)), 401),
                Arguments.of("alg none", TestTokens.none(OLD, good), 401),
                Arguments.of("HS256 keyed with the public key", TestTokens.hs256WithPublicKey(OLD, good), 401),
                Arguments.of("unknown kid", TestTokens.es256(TestKeys.ec("unknown"), good), 401),
                Arguments.of("typ JWT instead of at+jwt", TestTokens.es256(OLD, plainJwt, good), 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void onlyValidBrokerTokensAreAccepted(String description, String token, int status) {
        assertEquals(status, call(token).statusCode(), description);
    }

    @Test
    void aTokenForAnotherAudienceOfTheSameBrokerIsRejected() {
        String reports = BROKER.accessToken("reports");
        assertEquals(200, call(BROKER.accessToken("backend")).statusCode(), "control: the backend's own audience");

        assertEquals(401, call(reports).statusCode());
    }

    @Test
    void afterAKeyRotationOldAndNewTokensVerifyWithoutRestartingTheBackend() {
        String before = BROKER.accessToken("backend");
        assertEquals(200, call(before).statusCode());

        BROKER.stop();
        BROKER.start(TestKeys.signingJwks(NEW, OLD), AUDIENCES);
        String after = BROKER.accessToken("backend");

        assertEquals(NEW.getKeyID(), keyIdOf(after), "the restarted broker signs with the new key");
        awaitUntil("the backend accepts a token of the new key", Duration.ofSeconds(15),
                () -> call(after).statusCode() == 200);
        assertEquals(200, call(before).statusCode(), "tokens of the old key still verify");
    }

    private static String keyIdOf(String token) {
        try {
            return JWSObject.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError("not a JWS: " + token, e);
        }
    }

    /** Polls {@code condition} until it holds, failing after {@code deadline}. */
    private static void awaitUntil(String what, Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                fail("timed out after " + deadline.toSeconds() + "s waiting until " + what);
            }
            try {
                Thread.sleep(100); // the polling interval; the deadline bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
