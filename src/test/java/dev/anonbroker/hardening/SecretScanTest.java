package dev.anonbroker.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.LogCapture;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a realistic run (mints, refreshes with a reused refresh token, an exchange, introspection and revocation by a
 * backend client, a holder's revocation, a sweep, GoTrue failures, bad requests), no token, password, secret or key
 * of the run appears in the logs (broker, HTTP and security at DEBUG), the Prometheus text, any answer's headers,
 * any answer's body other than a minting answer's own tokens, or the OpenAPI document.
 */
class SecretScanTest {

    private static final String JSON = "application/json";
    private static final Path OPENAPI = Path.of("openapi/anon-broker.yml");
    private static final List<String> DEBUG_LOGGERS = List.of("dev.anonbroker", "io.micronaut.http", "io.micronaut.security");

    /** One answer of the run. */
    private record Answer(String request, HttpResponse<String> response, Set<String> ownTokens) {
    }

    private final SecretScanner secrets = new SecretScanner();
    private final List<Answer> answers = new ArrayList<>();
    /** Where frontends and the broker reach GoTrue: through the wiretap. */
    private String gotrueUrl;

    @Test
    void aFullRunLeavesNoSecretInLogsMetricsAnswersOrTheOpenApiDocument() throws IOException {
        RSAKey signing = TestKeys.rsa("scan-signing", 2048);
        ECKey previous = TestKeys.ec("scan-previous");
        secrets.addPrivateParts("signing key", signing).addPrivateParts("previous signing key", previous)
                .add("GoTrue JWT secret", TestSecrets.GOTRUE_JWT_SECRET)
                .add("GoTrue operator token", TestSecrets.OPERATOR_TOKEN)
                .add("sweep operator token", TestSecrets.SWEEP_OPERATOR_TOKEN)
                .add("proof-of-work HMAC key", HardenedBroker.POW_KEY);
        String prometheus;
        List<ILoggingEvent> events;
        List<GoTrueWiretap.Seen> wireSecrets;
        try (LogCapture capture = LogCapture.start(Level.DEBUG, Level.DEBUG);
             Levels levels = debug(DEBUG_LOGGERS)) {
            int emulatorPort = Ports.freePort();
            try (GoTrueWiretap wire = GoTrueWiretap.to("http://127.0.0.1:" + emulatorPort);
                 HardenedBroker hardened = HardenedBroker.start(
                         BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY).withPort(emulatorPort),
                         Map.of("broker.signing.jwks", TestKeys.jwks(signing, previous), "broker.gotrue.url", wire.url()))) {
                gotrueUrl = wire.url();
                secrets.add("backend client api secret", hardened.clients.apiSecret())
                        .add("backend client reports secret", hardened.clients.reportsSecret())
                        .add("backend client api Basic credential", hardened.apiClient().substring("Basic ".length()));
                run(hardened);
                HttpResponse<String> metrics = record("GET /prometheus (management)", hardened.broker.getManagement("/prometheus"));
                assertEquals(200, metrics.statusCode());
                prometheus = metrics.body();
                record("GET /health (management)", hardened.broker.getManagement("/health"));
                wireSecrets = wire.secrets();
            }
            events = capture.events();
        }

        wireSecrets.forEach(seen -> secrets.add(seen.what() + " on the GoTrue wire", seen.value()));
        assertTrue(wireSecrets.stream().filter(seen -> seen.what().equals("password")).count() >= 5,
                "the wiretap saw the throwaway passwords: " + wireSecrets.size());

        List<String> findings = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(events)) {
            findings.addAll(secrets.anythingSecretIn("log of " + event.getLoggerName() + " at " + event.getLevel(),
                    LeakScan.text(event)));
        }
        findings.addAll(secrets.anythingSecretIn("/prometheus", prometheus));
        for (Answer answer : answers) {
            findings.addAll(scan(answer));
        }
        String openApi = Files.readString(OPENAPI, StandardCharsets.UTF_8);
        findings.addAll(secrets.secretsAndTokensIn(OPENAPI.toString(), openApi));
        if (openApi.contains("PRIVATE KEY")) {
            findings.add(OPENAPI + ": a PEM private key");
        }

        assertTrue(events.size() > 50, "the run logged enough to search: " + events.size());
        assertTrue(events.stream().anyMatch(event -> event.getLoggerName().startsWith("io.micronaut.http")),
                "io.micronaut.http logged at DEBUG");
        assertTrue(prometheus.contains("broker_sessions_issued_total"), "the metrics are the broker's");
        assertTrue(secrets.size() > 30, "the run collected its secrets: " + secrets.size());
        assertEquals(List.of(), findings.stream().distinct().toList(), "secrets found after the run");
    }

    @Test
    void theScannerFindsWhatItMustFind() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtb2YtYS10b2tlbg";
        String password = "Aa1" + TestSecrets.random(30);
        ECKey key = TestKeys.ec("control");
        String d = key.getD().toString();
        SecretScanner scanner = new SecretScanner().add("token", token).addPrivateParts("key", key)
                .add("password", password);

        assertEquals(List.of("log: token (signature segment)"),
                scanner.secretsIn("log", "signature c2lnbmF0dXJlLXBhcnQtb2YtYS10b2tlbg failed"));
        assertEquals(List.of("body: key private member d"), scanner.secretsIn("body", "{\"d\":\"" + d + "\"}"));
        assertEquals(List.of(), scanner.secretsIn("answer", "{\"access_token\":\"" + token + "\"}", Set.of(token)),
                "a minting answer may hold its own token");
        assertEquals(List.of("log: part of password"),
                scanner.secretsIn("log", "password starts " + password.substring(10, 30)));
        assertEquals(List.of("log: part of token (signature segment)"),
                scanner.secretsIn("log", "signature starts c2lnbmF0dXJlLXBhcnQtb2Y"));
        assertEquals(List.of("log: a JWT-shaped string"),
                scanner.secretsAndTokensIn("log", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.x"));
        assertEquals(List.of("log: a password-shaped string (43 random base64url characters)"),
                new SecretScanner().anythingSecretIn("log", "password=" + password));
        assertEquals(List.of(), scanner.anythingSecretIn("log", "minted a session for audience backend (kid scan-signing)"));

        List<ILoggingEvent> events;
        try (LogCapture capture = LogCapture.start(Level.DEBUG, Level.DEBUG)) {
            LoggerFactory.getLogger(SecretScanTest.class).debug("refused", token, new IllegalStateException("key " + d));
            events = List.copyOf(capture.events());
        }
        List<String> findings = events.stream().filter(event -> event.getLoggerName().equals(SecretScanTest.class.getName()))
                .flatMap(event -> scanner.secretsIn("log", LeakScan.text(event)).stream()).toList();
        assertEquals(List.of("log: token", "log: token (signature segment)", "log: key private member d"), findings,
                "an argument without a placeholder and an exception message are scanned");
    }

    /** Everything a deployment does in a day, compressed. */
    private void run(HardenedBroker hardened) {
        BrokerHarness broker = hardened.broker;
        record("GET /.well-known/openid-configuration", broker.get("/.well-known/openid-configuration"));
        record("GET /.well-known/jwks.json", broker.get("/.well-known/jwks.json"));
        record("GET /health", broker.get("/health"));

        JsonNode first = mint(hardened, "mint 1");
        JsonNode second = mint(hardened, "mint 2");
        JsonNode third = mint(hardened, "mint 3");

        String spent = first.get("refresh_token").asText();
        JsonNode rotated = minted("refresh", broker.refresh(spent));
        HttpResponse<String> reused = record("POST /anon-session/refresh (spent token)", broker.refresh(spent));
        assertEquals(401, reused.statusCode(), reused.body());
        HttpResponse<String> afterReuse = record("POST /anon-session/refresh (after reuse)",
                broker.refresh(rotated.get("refresh_token").asText()));
        assertEquals(401, afterReuse.statusCode(), "a reuse ends the session: " + afterReuse.body());
        HttpResponse<String> accessAsRefresh = record("POST /anon-session/refresh (access token)",
                broker.refresh(second.get("access_token").asText()));
        assertEquals(401, accessAsRefresh.statusCode(), accessAsRefresh.body());

        String gotrueToken = FrontendGoTrue.signUpAndLogIn(gotrueUrl, FrontendGoTrue.throwawayEmail(),
                EmulatorAdmin.marker("scan-frontend"));
        secrets.add("GoTrue access token", gotrueToken);
        minted("exchange", exchange(hardened, gotrueToken));
        HttpResponse<String> replayed = record("POST /anon-session/exchange (replay)", exchange(hardened, gotrueToken));
        assertEquals(401, replayed.statusCode(), replayed.body());
        HttpResponse<String> brokerTokenAtExchange = record("POST /anon-session/exchange (broker token)",
                exchange(hardened, second.get("access_token").asText()));
        assertEquals(401, brokerTokenAtExchange.statusCode(), brokerTokenAtExchange.body());

        String secondToken = second.get("access_token").asText();
        HttpResponse<String> active = record("POST /introspect", BackendCalls.introspect(broker, hardened.apiClient(), secondToken));
        assertTrue(BrokerHarness.json(active).get("active").asBoolean(), active.body());
        record("POST /introspect (reports client)", BackendCalls.introspect(broker,
                BackendCalls.basic("reports", hardened.clients.reportsSecret()), secondToken));
        HttpResponse<String> wrongSecret = record("POST /introspect (wrong secret)", BackendCalls.introspect(broker,
                BackendCalls.basic("api", hardened.clients.apiSecret().substring(1) + "x"), secondToken));
        assertEquals(401, wrongSecret.statusCode(), wrongSecret.body());
        record("POST /introspect (no client)", broker.post("/introspect", BackendCalls.form(secondToken),
                "Content-Type", BackendCalls.FORM));
        assertEquals(200, record("POST /revoke", BackendCalls.revoke(broker, hardened.apiClient(), secondToken)).statusCode());
        HttpResponse<String> revoked = record("POST /introspect (revoked)",
                BackendCalls.introspect(broker, hardened.apiClient(), secondToken));
        assertFalse(BrokerHarness.json(revoked).get("active").asBoolean(), revoked.body());

        String thirdToken = third.get("access_token").asText();
        HttpResponse<String> holder = record("POST /revoke (holder)", BackendCalls.revoke(broker, "Bearer " + thirdToken, thirdToken));
        assertEquals(200, holder.statusCode(), holder.body());
        HttpResponse<String> otherSession = record("POST /revoke (holder of another session)",
                BackendCalls.revoke(broker, "Bearer " + thirdToken, first.get("access_token").asText()));
        assertTrue(otherSession.statusCode() >= 400, otherSession.body());

        String operator = "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN;
        assertEquals(200, record("POST /sweep", broker.post("/sweep", null, "Authorization", operator)).statusCode());
        record("GET /sweep", broker.get("/sweep", "Authorization", operator));
        HttpResponse<String> wrongOperator = record("POST /sweep (wrong token)",
                broker.post("/sweep", null, "Authorization", "Bearer " + TestSecrets.SWEEP_OPERATOR_TOKEN.substring(1)));
        assertEquals(401, wrongOperator.statusCode(), wrongOperator.body());

        broker.emulator().setFault("POST /signup", FaultRule.serverErrors(1.0));
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> failed = record("POST /anon-session (GoTrue 500)", hardened.mint());
            assertEquals(503, failed.statusCode(), failed.body());
        }
        broker.emulator().clearFaults();
        Await.until("the broker mints again after GoTrue recovered", Duration.ofSeconds(15),
                () -> minted("mint after recovery", hardened.mint()) != null);

        record("POST /anon-session (broken JSON)", broker.post("/anon-session", "{\"altcha\":", "Content-Type", JSON));
        record("POST /anon-session (no proof of work)", broker.post("/anon-session", "{}", "Content-Type", JSON));
        record("POST /anon-session (text/plain)", broker.post("/anon-session", "altcha", "Content-Type", "text/plain"));
        record("POST /anon-session/refresh (junk)", broker.refresh(TestSecrets.random(32)));
        record("GET /no-such-path", broker.get("/no-such-path", "Authorization", "Bearer " + thirdToken));
        broker.awaitNoThrowawayUsers();
    }

    private JsonNode mint(HardenedBroker hardened, String what) {
        JsonNode session = minted(what, hardened.mint());
        assertTrue(session != null, what + " minted");
        return session;
    }

    private HttpResponse<String> exchange(HardenedBroker hardened, String bearer) {
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", hardened.altcha()).toString();
        return hardened.broker.post("/anon-session/exchange", body, "Content-Type", JSON, "Authorization", "Bearer " + bearer);
    }

    /** Records a minting answer; when it minted, its tokens become secrets of the run and the session is returned. */
    private JsonNode minted(String what, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            record(what, response);
            return null;
        }
        JsonNode session = BrokerHarness.json(response);
        String access = session.get("access_token").asText();
        String refresh = session.get("refresh_token").asText();
        secrets.add("access token (" + what + ")", access).add("refresh token (" + what + ")", refresh);
        answers.add(new Answer(what, response, Set.of(access, refresh)));
        return session;
    }

    private HttpResponse<String> record(String request, HttpResponse<String> response) {
        answers.add(new Answer(request, response, Set.of()));
        return response;
    }

    /** Headers hold no secret at all; a body holds none but a minting answer's own tokens. */
    private List<String> scan(Answer answer) {
        String where = answer.request() + " -> " + answer.response().statusCode();
        List<String> findings = new ArrayList<>();
        answer.response().headers().map().forEach((name, values) -> values.forEach(value ->
                findings.addAll(secrets.secretsAndTokensIn(where + " header " + name, value))));
        String body = answer.response().body();
        if (answer.ownTokens().isEmpty()) {
            findings.addAll(answer.response().statusCode() >= 400
                    ? secrets.anythingSecretIn(where + " problem body", body)
                    : secrets.secretsAndTokensIn(where + " body", body));
        } else {
            findings.addAll(secrets.secretsIn(where + " body", body, answer.ownTokens()));
        }
        return findings;
    }

    /** Log levels to restore. */
    private interface Levels extends AutoCloseable {
        @Override
        void close();
    }

    /** Turns {@code names} up to DEBUG until closed. */
    private static Levels debug(List<String> names) {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Map<Logger, Level> before = new LinkedHashMap<>();
        for (String name : names) {
            Logger logger = logging.getLogger(name);
            before.put(logger, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        return () -> before.forEach(Logger::setLevel);
    }
}
