package dev.anonbroker.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;
import dev.anonbroker.support.TestTokens;
import dev.anonbroker.token.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrokerTokenVerifierTest {

    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final Instant SESSION_START = T0.minusSeconds(60);
    private static final ECKey KEY = TestKeys.ec("k1");
    private static final String JWKS = TestKeys.jwks(KEY);

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static MintRequest request() {
        return new MintRequest("user-1", "sid-1", SESSION_START, null, "web", "https://app.example");
    }

    private static String mint(String jwks, BrokerConfiguration configuration, Instant at) {
        return TestBroker.minter(jwks, configuration, at(at)).mint(request()).token();
    }

    private static String mint() {
        return mint(JWKS, TestBroker.configuration(), T0);
    }

    private static Reason rejection(String token, Instant at) {
        return rejection(token, JWKS, TestBroker.configuration(), at);
    }

    private static Reason rejection(String token, String jwks, BrokerConfiguration configuration, Instant at) {
        BrokerTokenVerifier verifier = TestBroker.verifier(jwks, configuration, at(at));
        return assertThrows(InvalidTokenException.class, () -> verifier.verify(token)).reason();
    }

    private static VerifiedBrokerToken verify(String token, String jwks, Instant at) {
        return TestBroker.verifier(jwks, TestBroker.configuration(), at(at)).verify(token);
    }

    /** A token with the claims the minter would write, signed by {@code signer} under {@code header}. */
    private static String forged(JWSHeader header, JWSSigner signer) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestBroker.ISSUER).audience("backend")
                .subject("user-1").claim("sid", "sid-1").jwtID("j").issueTime(Date.from(T0))
                .expirationTime(Date.from(T0.plusSeconds(600))).claim("auth_time", SESSION_START.getEpochSecond())
                .claim("client_id", "web").build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static JWSHeader.Builder atJwt(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg).keyID(kid).type(new JOSEObjectType("at+jwt"));
    }

    static Stream<Arguments> everyAlgorithm() {
        return Stream.of(
                Arguments.of("ES256 with an EC P-256 key", TestKeys.ec("es")),
                Arguments.of("RS256 with a 2048-bit RSA key", TestKeys.rsa("rs", 2048)),
                Arguments.of("EdDSA with an Ed25519 key (JDK signer and verifier)", TestKeys.ed25519("ed")),
                Arguments.of("HS256 with a 256-bit oct key", TestKeys.hmac("hs", 256)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyAlgorithm")
    void mintedTokenVerifiesWithEveryClaim(String description, JWK key) throws Exception {
        String jwks = TestKeys.jwks(key);
        MintedToken minted = TestBroker.minter(jwks, TestBroker.configuration(), at(T0)).mint(request());

        VerifiedBrokerToken verified = verify(minted.token(), jwks, T0.plusSeconds(1));

        JWSHeader header = SignedJWT.parse(minted.token()).getHeader();
        assertEquals(new JOSEObjectType("at+jwt"), header.getType());
        assertEquals(key.getKeyID(), header.getKeyID());
        assertEquals(new VerifiedBrokerToken("user-1", "sid-1", minted.jti(), "backend", T0,
                T0.plus(Duration.ofMinutes(10)), SESSION_START, "web", "https://app.example"), verified);
        assertEquals(600, minted.expiresIn());
    }

    @Test
    void tokenWithoutOriginVerifiesWithNullOrigin() {
        MintRequest request = new MintRequest("user-1", "sid-1", SESSION_START, "reports", "web", null);
        String token = TestBroker.minter(JWKS, TestBroker.configuration(), at(T0)).mint(request).token();

        VerifiedBrokerToken verified = verify(token, JWKS, T0);

        assertNull(verified.origin());
        assertEquals("reports", verified.audience());
    }

    @Test
    void expiredTokenIsRejectedOnceTheSkewHasPassed() {
        String token = mint();
        Instant exp = T0.plus(Duration.ofMinutes(10));

        assertEquals("user-1", verify(token, JWKS, exp.plusSeconds(29)).subject());
        assertEquals(Reason.EXPIRED, rejection(token, exp.plusSeconds(30)));
    }

    @Test
    void tokenFromTheFutureIsNotYetValid() {
        String token = mint(JWKS, TestBroker.configuration(), T0.plusSeconds(120));

        assertEquals(Reason.NOT_YET_VALID, rejection(token, T0));
    }

    @Test
    void tokenOfAnotherIssuerIsRejected() {
        String token = mint(JWKS, TestBroker.configuration("https://other.test", List.of("backend")), T0);

        assertEquals(Reason.WRONG_ISSUER, rejection(token, T0));
    }

    @Test
    void tokenForAnotherAudienceIsRejected() {
        String token = mint(JWKS, TestBroker.configuration(TestBroker.ISSUER, List.of("billing")), T0);

        assertEquals(Reason.WRONG_AUDIENCE, rejection(token, T0));
    }

    @Test
    void tamperedPayloadFailsTheSignature() {
        String[] parts = mint().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"user-1\"", "\"user-2\"");
        String tampered = parts[0] + "." + TestTokens.b64(payload) + "." + parts[2];

        assertEquals(Reason.BAD_SIGNATURE, rejection(tampered, T0));
    }

    @Test
    void unsignedTokenIsRejectedAsWrongAlgorithm() throws Exception {
        String none = new PlainJWT(SignedJWT.parse(mint()).getJWTClaimsSet()).serialize();

        assertEquals(Reason.WRONG_ALGORITHM, rejection(none, T0));
    }

    @Test
    void hs256SignedWithThePublicKeyBytesIsRejected() throws Exception {
        byte[] publicBytes = KEY.toECPublicKey().getEncoded();
        String token = forged(atJwt(JWSAlgorithm.HS256, KEY.getKeyID()).build(), new MACSigner(publicBytes));

        assertEquals(Reason.WRONG_ALGORITHM, rejection(token, T0));
    }

    @Test
    void hs256NamingAnEcKeyIsRejectedEvenWhenAnOctKeyIsConfigured() throws Exception {
        OctetSequenceKey secret = TestKeys.hmac("hs", 256);
        String jwks = TestKeys.jwks(KEY, secret);
        byte[] publicBytes = KEY.toECPublicKey().getEncoded();
        String token = forged(atJwt(JWSAlgorithm.HS256, KEY.getKeyID()).build(), new MACSigner(publicBytes));

        assertEquals(Reason.UNKNOWN_KEY, rejection(token, jwks, TestBroker.configuration(), T0));
    }

    @Test
    void tokenOfAnUnknownKidIsRejected() throws Exception {
        ECKey stranger = TestKeys.ec("stranger");
        String token = forged(atJwt(JWSAlgorithm.ES256, "stranger").build(), new ECDSASigner(stranger));

        assertEquals(Reason.UNKNOWN_KEY, rejection(token, T0));
    }

    @Test
    void tokenSignedByAnotherKeyUnderOurKidFailsTheSignature() throws Exception {
        String token = forged(atJwt(JWSAlgorithm.ES256, KEY.getKeyID()).build(), new ECDSASigner(TestKeys.ec("x")));

        assertEquals(Reason.BAD_SIGNATURE, rejection(token, T0));
    }

    @Test
    void tokenWithoutTypAtJwtIsRejected() throws Exception {
        String plainJwt = forged(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").type(JOSEObjectType.JWT).build(),
                new ECDSASigner(KEY));
        String noTyp = forged(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(), new ECDSASigner(KEY));

        assertEquals(Reason.WRONG_TYPE, rejection(plainJwt, T0));
        assertEquals(Reason.WRONG_TYPE, rejection(noTyp, T0));
    }

    @Test
    void garbageIsMalformed() {
        assertEquals(Reason.MALFORMED, rejection("not-a-token", T0));
        assertEquals(Reason.MALFORMED, rejection("a.b.c", T0));
        assertEquals(Reason.MALFORMED, rejection("x".repeat(10_000), T0));
    }

    @Test
    void expiryIsCappedAtTheSessionsMaximumAge() {
        Instant start = T0.minus(Duration.ofMinutes(55));
        MintRequest request = new MintRequest("user-1", "sid-1", start, null, "web", null);

        MintedToken minted = TestBroker.minter(JWKS, TestBroker.configuration(), at(T0)).mint(request);

        assertEquals(start.plus(Duration.ofHours(1)), minted.expiresAt());
        assertEquals(300, minted.expiresIn());
        assertEquals(start, verify(minted.token(), JWKS, T0).authTime());
    }

    @Test
    void noTokenIsMintedOnceTheSessionIsTooOld() {
        MintRequest request = new MintRequest("user-1", "sid-1", T0.minus(Duration.ofHours(1)), null, "web", null);
        BrokerTokenMinter minter = TestBroker.minter(JWKS, TestBroker.configuration(), at(T0));

        assertThrows(SessionExpiredException.class, () -> minter.mint(request));
    }

    @Test
    void unknownAudienceIsNotMinted() {
        MintRequest request = new MintRequest("user-1", "sid-1", SESSION_START, "billing", "web", null);
        BrokerTokenMinter minter = TestBroker.minter(JWKS, TestBroker.configuration(), at(T0));

        assertThrows(IllegalArgumentException.class, () -> minter.mint(request));
    }

    @Test
    void tokenOfTheOldKeyVerifiesWhileItStaysInTheSet() throws Exception {
        ECKey newKey = TestKeys.ec("k2");
        String oldToken = mint();

        String rotated = TestKeys.jwks(newKey, KEY);
        String newToken = mint(rotated, TestBroker.configuration(), T0);

        assertEquals("user-1", verify(oldToken, rotated, T0).subject());
        assertEquals("k2", SignedJWT.parse(newToken).getHeader().getKeyID());
        assertEquals("user-1", verify(newToken, rotated, T0).subject());
        assertEquals(Reason.UNKNOWN_KEY, rejection(oldToken, TestKeys.jwks(newKey), TestBroker.configuration(), T0));
    }
}
