package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HS256 signing and golang-jwt's refusal messages, on a hand-moved clock. */
class JwtCodecTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private ObjectNode header(String alg) {
        return Json.object().put("alg", alg).put("typ", "JWT");
    }

    @Test
    void shortAndEmptySecretsSignAndVerify() {
        for (String secret : new String[] {"", "x", "testsecret"}) {
            JwtCodec codec = new JwtCodec(secret, clock);
            String token = codec.sign(header("HS256"), Json.object().put("sub", "0"));
            assertEquals("0", codec.verify(token).get("sub").asText());
        }
    }

    @Test
    void knownVectorMatches() {
        JwtCodec codec = new JwtCodec("your-256-bit-secret", clock);
        String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        assertEquals("John Doe", codec.verify(token).get("name").asText());
    }

    @Test
    void expiryIsReportedLikeGolangJwt() {
        JwtCodec codec = new JwtCodec("s", clock);
        long now = clock.instant().getEpochSecond();
        String token = codec.sign(header("HS256"), Json.object().put("exp", now + 10));
        clock.advance(Duration.ofSeconds(10 + 3723));
        JwtException e = assertThrows(JwtException.class, () -> codec.verify(token));
        assertEquals("token is expired by 1h2m3s", e.v4Message());
        assertEquals("token has invalid claims: token is expired", e.v5Message());
    }

    @Test
    void wrongSecretAlgorithmAndShapeAreRefused() {
        JwtCodec codec = new JwtCodec("s", clock);
        String other = new JwtCodec("t", clock).sign(header("HS256"), Json.object());
        assertEquals("signature is invalid", assertThrows(JwtException.class, () -> codec.verify(other)).v4Message());
        String rs = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln";
        assertEquals("signing method RS256 is invalid", assertThrows(JwtException.class, () -> codec.verify(rs)).v4Message());
        assertEquals("token is malformed: token contains an invalid number of segments",
                assertThrows(JwtException.class, () -> codec.verify("a.b")).v5Message());
    }

    @Test
    void signatureIsCheckedBeforeExpiry() {
        JwtCodec codec = new JwtCodec("s", clock);
        String token = new JwtCodec("t", clock).sign(header("HS256"), Json.object().put("exp", 1));
        assertEquals(JwtException.Kind.SIGNATURE, assertThrows(JwtException.class, () -> codec.verify(token)).kind);
    }
}
