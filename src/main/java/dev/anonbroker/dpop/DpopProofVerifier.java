package dev.anonbroker.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.gate.SingleUseSet;
import dev.anonbroker.keys.BouncyCastle;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.shared.SingleUseSets;
import jakarta.inject.Singleton;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * Checks one DPoP proof JWT (RFC 9449 section 4.3) of a request without an access token: {@code typ: dpop+jwt}, an
 * {@code alg} of {@code broker.dpop.algorithms}, a public {@code jwk} of that algorithm's kind that verifies the
 * signature, {@code htm} the request's method, {@code htu} one of {@link HttpTargets}, {@code iat} within
 * {@code max-age} before and {@code clock-skew} after now, no {@code ath}, and a {@code jti} used once.
 *
 * <p>Built on nimbus-jose-jwt alone: the proof verifier of {@code oauth2-oidc-sdk} 11.30 (which would pair with the
 * BOM's jose 10.5) checks {@code iat} against the system clock, not the broker's {@link Clock}, lets a private
 * {@code jwk} through, and keeps replays in its own set; what it would leave us is the signature check below.
 */
@Singleton
final class DpopProofVerifier {

    private static final Provider BOUNCY_CASTLE = BouncyCastle.provider();
    static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");
    /** Far above a proof with a 4096-bit RSA key; stops parsing of absurd input early. */
    private static final int MAX_PROOF_LENGTH = 8192;
    private static final int MAX_JTI_LENGTH = 256;
    private static final int MIN_RSA_BITS = 2048;

    private final DpopConfiguration configuration;
    private final Set<JWSAlgorithm> algorithms;
    private final SingleUseSet usedProofs;
    private final Clock clock;

    DpopProofVerifier(DpopConfiguration configuration, Clock clock, SingleUseSets sets) {
        this.configuration = configuration;
        this.algorithms = configuration.acceptedAlgorithms();
        this.usedProofs = sets.named("dpop", configuration.maxRemembered());
        this.clock = clock;
    }

    /**
     * @return the RFC 7638 SHA-256 thumbprint (base64url) of the proof's key
     * @throws ProblemException 403 {@code dpop-proof-invalid} or {@code dpop-proof-replayed}, 503 when full
     */
    String verify(String proof, String method, Set<String> targets) {
        SignedJWT jwt = parse(proof);
        JWSHeader header = jwt.getHeader();
        if (!DPOP_JWT.equals(header.getType())) {
            throw invalid("its typ must be dpop+jwt");
        }
        if (!algorithms.contains(header.getAlgorithm())) {
            throw invalid("its alg must be one of " + configuration.algorithms());
        }
        JWK key = header.getJWK();
        if (key == null) {
            throw invalid("its header must carry the public key as jwk");
        }
        if (key.isPrivate()) {
            throw invalid("its jwk must be a public key");
        }
        checkSignature(jwt, verifierFor(header.getAlgorithm(), key));
        JWTClaimsSet claims = claims(jwt);
        checkRequest(claims, method, targets);
        Instant issuedAt = checkIssuedAt(claims);
        String thumbprint = thumbprint(key);
        rememberOnce(thumbprint, claims, issuedAt);
        return thumbprint;
    }

    private static SignedJWT parse(String proof) {
        if (proof.length() > MAX_PROOF_LENGTH) {
            throw invalid("it is longer than " + MAX_PROOF_LENGTH + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(proof.trim());
        } catch (ParseException e) {
            // Nimbus also lands here for a header whose jwk holds a private key
            throw invalid("it is not a well-formed JWT whose jwk is a public key");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("it must be signed (alg none is refused)");
        }
        return signed;
    }

    private static JWSVerifier verifierFor(JWSAlgorithm algorithm, JWK key) {
        try {
            if (JWSAlgorithm.Family.EC.contains(algorithm) && key instanceof ECKey ec
                    && Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve())) {
                return fastVerifier(ec);
            }
            if (JWSAlgorithm.Family.RSA.contains(algorithm) && key instanceof RSAKey rsa) {
                if (rsa.size() < MIN_RSA_BITS) {
                    throw invalid("its RSA key must have at least " + MIN_RSA_BITS + " bits");
                }
                return new RSASSAVerifier(rsa);
            }
        } catch (JOSEException e) {
            throw invalid("its jwk is not a usable " + algorithm + " key");
        }
        throw invalid("its jwk is not a key for " + algorithm);
    }

    /**
     * On BouncyCastle's EC arithmetic, handed to Nimbus for this verifier only (never registered globally): SunEC on
     * Java 17 took about a millisecond per proof, more than the rest of a refresh ({@code DpopBenchmark}).
     */
    private static ECDSAVerifier fastVerifier(ECKey key) throws JOSEException {
        ECPublicKey converted;
        try {
            converted = (ECPublicKey) KeyFactory.getInstance("EC", BOUNCY_CASTLE)
                    .generatePublic(new X509EncodedKeySpec(key.toECPublicKey().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("EC public key cannot be used", e);
        }
        ECDSAVerifier verifier = new ECDSAVerifier(converted);
        verifier.getJCAContext().setProvider(BOUNCY_CASTLE);
        return verifier;
    }

    private static void checkSignature(SignedJWT jwt, JWSVerifier verifier) {
        boolean valid;
        try {
            valid = jwt.verify(verifier);
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw invalid("its signature does not verify with its jwk");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("its claims are not valid JWT claims");
        }
    }

    private static void checkRequest(JWTClaimsSet claims, String method, Set<String> targets) {
        Object htm = claims.getClaim("htm");
        if (!(htm instanceof String) || !method.equals(htm)) {
            throw invalid("its htm must be " + method);
        }
        Object htu = claims.getClaim("htu");
        String target = htu instanceof String text ? HttpTargets.normalised(text).orElse(null) : null;
        if (target == null || !targets.contains(target)) {
            throw invalid("its htu must be this endpoint's public URL, " + targets.iterator().next());
        }
        if (claims.getClaim("ath") != null) {
            throw invalid("it must not carry ath: this request has no access token");
        }
    }

    private Instant checkIssuedAt(JWTClaimsSet claims) {
        Object iat = claims.getClaim("iat");
        if (!(iat instanceof Date issued)) {
            throw invalid("its iat must be a number of seconds since the epoch");
        }
        Instant issuedAt = issued.toInstant();
        Instant now = clock.instant();
        if (issuedAt.isBefore(now.minus(configuration.maxAge()))) {
            throw invalid("its iat is more than " + configuration.maxAge().toSeconds() + " seconds old: make a "
                    + "new proof for each request");
        }
        if (issuedAt.isAfter(now.plus(configuration.clockSkew()))) {
            throw invalid("its iat is in the future");
        }
        return issuedAt;
    }

    private static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw invalid("its jwk has no thumbprint");
        }
    }

    /** Last, so that only proofs that passed every other check take room. */
    private void rememberOnce(String thumbprint, JWTClaimsSet claims, Instant issuedAt) {
        Object jti = claims.getClaim("jti");
        if (!(jti instanceof String id) || id.isBlank() || id.length() > MAX_JTI_LENGTH) {
            throw invalid("its jti must be a unique string of at most " + MAX_JTI_LENGTH + " characters");
        }
        Instant forgettableAt = issuedAt.plus(configuration.maxAge()).plus(Duration.ofSeconds(1));
        switch (usedProofs.use(thumbprint + ' ' + id, forgettableAt)) {
            case FIRST_USE -> { }
            case REPLAYED -> throw new ProblemException(ProblemType.DPOP_PROOF_REPLAYED,
                    "This DPoP proof (its jti) was already used. Make a new proof for each request.");
            case FULL -> throw ProblemException.retryLater(ProblemType.GATE_AT_CAPACITY,
                    "The broker remembers as many recent DPoP proofs as it may; try again later.",
                    configuration.maxAge().toSeconds(), null);
        }
    }

    private static ProblemException invalid(String why) {
        return new ProblemException(ProblemType.DPOP_PROOF_INVALID, "The DPoP proof is not valid: " + why + ".");
    }
}
