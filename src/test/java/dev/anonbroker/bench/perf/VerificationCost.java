package dev.anonbroker.bench.perf;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * What a backend pays to verify one broker-shaped token offline, per algorithm, on one thread (one core): parse the
 * compact JWT and check its signature with Nimbus (the library behind Micronaut's and many Java backends'
 * validation). Claims are not checked: that costs the same for every algorithm.
 */
final class VerificationCost {

    /** Verifications per second on one thread, and microseconds per verification. */
    record Cost(String algorithm, long verifications, double seconds) {
        double perSecond() {
            return verifications / seconds;
        }

        double microsPerOp() {
            return seconds * 1e6 / verifications;
        }
    }

    private record Keys(String algorithm, JWSSigner signer, JWSVerifier verifier, JWSAlgorithm jws) {
    }

    private VerificationCost() {
    }

    static List<Cost> measure(Duration warmup, Duration length) throws JOSEException, ParseException {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("es").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rs").generate();
        OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed").generate();
        List<Keys> all = List.of(
                new Keys("ES256", new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()), JWSAlgorithm.ES256),
                new Keys("RS256", new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()), JWSAlgorithm.RS256),
                new Keys("EdDSA", new Ed25519Signer(ed), new Ed25519Verifier(ed.toPublicJWK()), JWSAlgorithm.EdDSA));
        List<Cost> costs = new java.util.ArrayList<>();
        for (Keys keys : all) {
            String token = sign(keys);
            verifyFor(keys, token, warmup);
            costs.add(verifyFor(keys, token, length));
        }
        return costs;
    }

    private static String sign(Keys keys) throws JOSEException {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://broker.example.com").audience("backend")
                .subject(UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString()).issueTime(new Date(now)).notBeforeTime(new Date(now))
                .expirationTime(new Date(now + 600_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(keys.jws()).keyID("k").build(), claims);
        jwt.sign(keys.signer());
        return jwt.serialize();
    }

    private static Cost verifyFor(Keys keys, String token, Duration length) throws JOSEException, ParseException {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long count = 0;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 16; i++) {
                if (!SignedJWT.parse(token).verify(keys.verifier())) {
                    throw new IllegalStateException(keys.algorithm() + " did not verify its own token");
                }
            }
            count += 16;
        }
        return new Cost(keys.algorithm(), count, (System.nanoTime() - start) / 1e9);
    }
}
