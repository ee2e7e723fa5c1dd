package dev.anonbroker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;
import dev.anonbroker.keys.SigningKeySource;
import dev.anonbroker.keys.SigningKeys;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;

/**
 * Verifies broker tokens (for refresh and introspection) as RFC 9068 section 4 asks: {@code typ: at+jwt}, an
 * {@code alg} of a configured key only (never {@code none}, never HS256 unless an {@code oct} key is configured), the
 * key named by {@code kid} among all configured keys (so tokens of a rotated-out key fail once it leaves the set), then
 * the claims ({@link BrokerClaimsVerifier}). Every refusal is an {@link InvalidTokenException} with its reason.
 */
@Singleton
public final class BrokerTokenVerifier {

    /** Far above any broker token; stops parsing of absurd input early. */
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final String KIND = "broker token";

    private final SigningKeySource keySource;
    private final BrokerClaimsVerifier claimsVerifier;
    private final VerifiedTokenCache cache;

    BrokerTokenVerifier(SigningKeySource keySource, BrokerConfiguration configuration, BrokerIssuer issuer,
                        Clock clock, VerifiedTokenCache cache) {
        this.keySource = keySource;
        this.claimsVerifier = new BrokerClaimsVerifier(configuration, issuer, clock);
        this.cache = cache;
    }

    /**
     * Checks the token's signature, type, issuer, audience and lifetime, or finds it verified earlier and still
     * unexpired ({@link VerifiedTokenCache}). Revocation is the caller's to check.
     *
     * @throws InvalidTokenException with the first reason the token fails
     */
    public VerifiedBrokerToken verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
        SigningKeys keys = keySource.keys();
        ByteBuffer cacheKey = cache.keyOf(token);
        VerifiedBrokerToken known = cache.get(cacheKey, keys);
        if (known != null) {
            return known;
        }
        SignedJWT jwt = parse(token);
        checkHeader(jwt.getHeader(), keys);
        VerifiedBrokerToken verified = verified(process(jwt, keys));
        cache.put(cacheKey, verified, keys);
        return verified;
    }

    private static SignedJWT parse(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED, e);
        }
        if (jwt instanceof PlainJWT) {
            throw new InvalidTokenException(KIND, Reason.WRONG_ALGORITHM);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
        return signed;
    }

    /** Header checks before any cryptography, each with its own reason. */
    private static void checkHeader(JWSHeader header, SigningKeys keys) {
        if (!BrokerSignatureGeneratorConfiguration.AT_JWT.equals(header.getType())) {
            throw new InvalidTokenException(KIND, Reason.WRONG_TYPE);
        }
        if (!keys.algorithms().contains(header.getAlgorithm())) {
            throw new InvalidTokenException(KIND, Reason.WRONG_ALGORITHM);
        }
        if (keys.verifierFor(header.getAlgorithm(), header.getKeyID()).isEmpty()) {
            throw new InvalidTokenException(KIND, Reason.UNKNOWN_KEY);
        }
    }

    private JWTClaimsSet process(SignedJWT jwt, SigningKeys keys) {
        try {
            JWSVerifier verifier = keys.verifierFor(jwt.getHeader().getAlgorithm(), jwt.getHeader().getKeyID())
                    .orElseThrow(() -> new InvalidTokenException(KIND, Reason.UNKNOWN_KEY));
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException(KIND, Reason.BAD_SIGNATURE);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            claimsVerifier.verify(claims, null);
            return claims;
        } catch (BrokerClaimsVerifier.Rejection e) {
            throw new InvalidTokenException(KIND, e.reason(), e);
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED, e);
        } catch (JOSEException e) {
            throw new InvalidTokenException(KIND, Reason.BAD_SIGNATURE, e);
        }
    }

    private static VerifiedBrokerToken verified(JWTClaimsSet claims) {
        try {
            return new VerifiedBrokerToken(
                    required(claims.getSubject()), required(claims.getStringClaim("sid")),
                    required(claims.getJWTID()), claims.getAudience().get(0),
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(),
                    required(claims.getDateClaim("auth_time")).toInstant(),
                    required(claims.getStringClaim("client_id")), claims.getStringClaim("origin"),
                    keyThumbprint(claims));
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED, e);
        }
    }

    /** {@code cnf.jkt}; a {@code cnf} of another shape makes the token malformed rather than a bearer token. */
    private static String keyThumbprint(JWTClaimsSet claims) throws ParseException {
        if (claims.getClaim("cnf") == null) {
            return null;
        }
        Map<String, Object> confirmation = claims.getJSONObjectClaim("cnf");
        if (!(confirmation.get("jkt") instanceof String jkt) || jkt.isBlank()) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
        return jkt;
    }

    private static <T> T required(T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
        return value;
    }
}
