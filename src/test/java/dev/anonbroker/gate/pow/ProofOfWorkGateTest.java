package dev.anonbroker.gate.pow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.CreatedUsers;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.FrontendGoTrue;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * broker.pow.* over HTTP: the challenge endpoint, a solved challenge mints once in JSON and in form bodies, and
 * every kind of bad payload is refused before GoTrue sees the request. Expiry and capacity: {@link ProofOfWorkExpiryTest}.
 */
class ProofOfWorkGateTest {

    static final String SITE = "https://mysite.example";
    static final String KEY = TestSecrets.random(32);
    static final long MAX_NUMBER = 5_000;
    private static BrokerHarness broker;

    @BeforeAll
    static void start() {
        broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.pow.enabled", true, "broker.pow.hmac-key", KEY, "broker.pow.max-number", MAX_NUMBER,
                        "broker.pow.challenge-ttl", "2m", "broker.allowed-origins", List.of(SITE)));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static JsonNode challenge(BrokerHarness broker) {
        HttpResponse<String> response = broker.get("/anon-session/challenge", "Origin", SITE);
        assertEquals(200, response.statusCode(), response.body());
        return BrokerHarness.json(response);
    }

    static HttpResponse<String> mintWithJson(BrokerHarness broker, String payload) {
        ObjectNode body = BrokerHarness.JSON.createObjectNode().put("altcha", payload);
        return broker.post("/anon-session", body.toString(), "Content-Type", "application/json", "Origin", SITE);
    }

    /** Asserts the refusal and that no GoTrue user came of it. */
    static void assertRefused(BrokerHarness broker, int status, String type, String detailPart, Supplier<HttpResponse<String>> call) {
        broker.awaitNoThrowawayUsers();
        CreatedUsers usersBefore = CreatedUsers.since(broker.emulator());
        HttpResponse<String> response = call.get();
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = BrokerHarness.json(response);
        assertEquals("urn:anon-broker:problem:" + type, problem.get("type").asText());
        assertTrue(problem.get("detail").asText().contains(detailPart), problem.get("detail").asText());
        assertEquals(List.of(), usersBefore.ids(), "no GoTrue user was created");
    }

    private static void assertInvalid(String payload, String detailPart) {
        assertRefused(broker, 403, "proof-of-work-invalid", detailPart, () -> mintWithJson(broker, payload));
    }

    @Test
    void theChallengeIsAnAltchaV1ChallengeSignedWithTheKey() {
        HttpResponse<String> response = broker.get("/anon-session/challenge", "Origin", SITE);
        JsonNode challenge = BrokerHarness.json(response);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(SITE, response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals("SHA-256", challenge.get("algorithm").asText());
        assertEquals(MAX_NUMBER, challenge.get("maxnumber").asLong());
        String salt = challenge.get("salt").asText();
        assertTrue(salt.matches("[0-9a-f]{24}\\?expires=[0-9]+&"), salt);
        long expires = Long.parseLong(salt.replaceAll(".*expires=([0-9]+)&", "$1"));
        long inTwoMinutes = Instant.now().plusSeconds(120).getEpochSecond();
        assertTrue(Math.abs(expires - inTwoMinutes) <= 5, "expires " + expires + " is about challenge-ttl from now");
        assertEquals(AltchaSolver.hmacHex(KEY, challenge.get("challenge").asText()), challenge.get("signature").asText());
        AltchaSolver.solve(salt, challenge.get("challenge").asText(), MAX_NUMBER);
    }

    @Test
    void eachChallengeIsFresh() {
        JsonNode first = challenge(broker);
        JsonNode second = challenge(broker);

        assertTrue(!first.get("salt").equals(second.get("salt")) && !first.get("challenge").equals(second.get("challenge")));
    }

    @Test
    void theChallengeEndpointIsBehindTheOriginGate() {
        HttpResponse<String> otherOrigin = broker.get("/anon-session/challenge", "Origin", "https://evil.example");

        assertEquals(403, otherOrigin.statusCode());
        assertEquals("urn:anon-broker:problem:origin-not-allowed", BrokerHarness.json(otherOrigin).get("type").asText());
    }

    @Test
    void aSolvedChallengeInTheJsonBodyMints() {
        HttpResponse<String> response = mintWithJson(broker, AltchaSolver.payload(challenge(broker)));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(BrokerHarness.json(response).hasNonNull("access_token"));
        broker.awaitNoThrowawayUsers();
    }

    @Test
    void aSolvedChallengeInAFormBodyMints() {
        String form = "altcha=" + URLEncoder.encode(AltchaSolver.payload(challenge(broker)), StandardCharsets.UTF_8);

        HttpResponse<String> response = broker.post("/anon-session", form,
                "Content-Type", "application/x-www-form-urlencoded", "Origin", SITE);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(BrokerHarness.json(response).hasNonNull("access_token"));
        broker.awaitNoThrowawayUsers();
    }

    @Test
    void theExchangeNeedsAProofOfWorkToo() {
        String gotrueToken = FrontendGoTrue.signUpAndLogIn(broker.emulator().baseUrl(), FrontendGoTrue.throwawayEmail(),
                EmulatorAdmin.marker("pow-test"));
        String body = BrokerHarness.JSON.createObjectNode().put("altcha", AltchaSolver.payload(challenge(broker))).toString();

        HttpResponse<String> without = broker.post("/anon-session/exchange", null, "Authorization", "Bearer " + gotrueToken,
                "Origin", SITE);
        HttpResponse<String> with = broker.post("/anon-session/exchange", body, "Authorization", "Bearer " + gotrueToken,
                "Content-Type", "application/json", "Origin", SITE);

        assertEquals(403, without.statusCode(), without.body());
        assertEquals("urn:anon-broker:problem:proof-of-work-required", BrokerHarness.json(without).get("type").asText());
        assertEquals(200, with.statusCode(), with.body());
        broker.awaitNoThrowawayUsers();
    }

    @Test
    void aMintWithoutPayloadIsRefusedWithWhatToDo() {
        assertRefused(broker, 403, "proof-of-work-required",
                "Solve GET /anon-session/challenge and send the payload in the altcha field",
                () -> broker.post("/anon-session", null, "Origin", SITE));
        assertRefused(broker, 403, "proof-of-work-required", "altcha field",
                () -> broker.post("/anon-session", "{\"audience\":\"backend\"}", "Content-Type", "application/json", "Origin", SITE));
    }

    @ParameterizedTest(name = "payload {0}")
    @ValueSource(strings = {"not base64!", "bm90IEpTT04=", "e30=", "eyJhbGdvcml0aG0iOiJTSEEtMjU2In0="})
    void aPayloadThatIsNotAnAltchaSolutionIsInvalid(String payload) {
        assertInvalid(payload, "base64 payload");
    }

    @Test
    void anOverlongPayloadIsInvalid() {
        assertInvalid("A".repeat(4000), "base64 payload");
    }

    @Test
    void aTamperedNumberIsInvalid() {
        ObjectNode solution = AltchaSolver.solution(challenge(broker));
        solution.put("number", solution.get("number").asLong() + 1);

        assertInvalid(AltchaSolver.encode(solution), "number does not solve");
    }

    @Test
    void aTamperedSignatureIsInvalid() {
        ObjectNode solution = AltchaSolver.solution(challenge(broker));
        String signature = solution.get("signature").asText();
        solution.put("signature", (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1));

        assertInvalid(AltchaSolver.encode(solution), "signature");
    }

    @Test
    void aChallengeSignedWithAnotherKeyIsInvalid() {
        String salt = "0123456789abcdef01234567?expires=" + Instant.now().plusSeconds(60).getEpochSecond() + "&";

        assertInvalid(AltchaSolver.forged(TestSecrets.random(32), salt, 42), "signature");
    }

    @Test
    void anotherAlgorithmIsInvalid() {
        ObjectNode solution = AltchaSolver.solution(challenge(broker));
        solution.put("algorithm", "SHA-1");

        assertInvalid(AltchaSolver.encode(solution), "SHA-256");
    }

    /**
     * CVE-2025-68113: the hash covers salt + number, so digits can move between them. Each salt here is signed with
     * the broker's own key, so only the strict salt form refuses it.
     */
    @ParameterizedTest(name = "salt {0}")
    @ValueSource(strings = {"0123456789abcdef01234567?expires=%d", "0123456789abcdef01234567?expires=%d&expires=99999999999&",
            "0123456789abcdef01234567?expires=%d&aud=other&", "0123456789abcdef01234567?expires=%d&&",
            "0123456789abcdef01234567?x=1&expires=%d&", "0123456789ABCDEF01234567?expires=%d&", "?expires=%d&"})
    void aSignedSaltNotInTheIssuedFormIsInvalid(String form) {
        String salt = form.formatted(Instant.now().plusSeconds(60).getEpochSecond());

        assertInvalid(AltchaSolver.forged(KEY, salt, 1234), "salt");
    }

    @Test
    void aSignedChallengeLivingLongerThanTheTtlIsInvalid() {
        String salt = "0123456789abcdef01234567?expires=" + Instant.now().plusSeconds(86_400).getEpochSecond() + "&";

        assertInvalid(AltchaSolver.forged(KEY, salt, 7), "expires later");
    }

    @Test
    void aSolutionReSplitBetweenSaltAndNumberIsInvalid() {
        ObjectNode solution;
        do {
            solution = AltchaSolver.solution(challenge(broker));
            // a second digit 0 would be lost when the rest is parsed as a number (105 -> "1" + 5), changing the hash
        } while (solution.get("number").asLong() < 10 || solution.get("number").asText().charAt(1) == '0');
        String number = solution.get("number").asText();
        solution.put("salt", solution.get("salt").asText() + number.charAt(0));
        solution.put("number", Long.parseLong(number.substring(1)));
        assertEquals(solution.get("challenge").asText(),
                AltchaSolver.sha256Hex(solution.get("salt").asText() + solution.get("number").asText()),
                "the re-split solution hashes to the same signed challenge");

        assertInvalid(AltchaSolver.encode(solution), "salt");
    }

    @Test
    void aPayloadMintsOnlyOnce() {
        String payload = AltchaSolver.payload(challenge(broker));

        HttpResponse<String> first = mintWithJson(broker, payload);
        assertEquals(200, first.statusCode(), first.body());
        assertRefused(broker, 403, "proof-of-work-replayed", "already used", () -> mintWithJson(broker, payload));
        String form = "altcha=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        assertRefused(broker, 403, "proof-of-work-replayed", "already used", () -> broker.post("/anon-session", form,
                "Content-Type", "application/x-www-form-urlencoded", "Origin", SITE));
    }

    @Test
    void aReEncodedPayloadOfTheSameSolutionIsAReplay() {
        ObjectNode solution = AltchaSolver.solution(challenge(broker));
        HttpResponse<String> first = mintWithJson(broker, AltchaSolver.encode(solution));
        assertEquals(200, first.statusCode(), first.body());
        String reordered = "{ \"signature\" : \"%s\",\n \"salt\":\"%s\", \"number\": %d, \"took\": 999, \"challenge\":\"%s\", \"algorithm\":\"SHA-256\" }"
                .formatted(solution.get("signature").asText(), solution.get("salt").asText(),
                        solution.get("number").asLong(), solution.get("challenge").asText());
        String unpadded = Base64.getEncoder().withoutPadding().encodeToString(
                (solution.toString() + " ").getBytes(StandardCharsets.UTF_8));

        assertRefused(broker, 403, "proof-of-work-replayed", "already used",
                () -> mintWithJson(broker, AltchaSolver.encode(reordered)));
        assertRefused(broker, 403, "proof-of-work-replayed", "already used", () -> mintWithJson(broker, unpadded));
    }

    @Test
    void aChallengeSolvedByAltchaLibMints() {
        String payload = ThirdPartySolver.solve(broker.uri("/anon-session/challenge").toString(), SITE);

        HttpResponse<String> response = mintWithJson(broker, payload);

        assertEquals(200, response.statusCode(), response.body());
        broker.awaitNoThrowawayUsers();
    }
}
