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

import java.text.ParseException;
import java.time.Clock;
import java.util.List;

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

    BrokerTokenVerifier(SigningKeySource keySource, BrokerConfiguration configuration, BrokerIssuer issuer,
                        Clock clock) {
        this.keySource = keySource;
        this.claimsVerifier = new BrokerClaimsVerifier(configuration, issuer, clock);
    }

    /** @throws InvalidTokenException with the first reason the token fails */
    public VerifiedBrokerToken verify(String token) {
        SignedJWT jwt = parse(token);
        SigningKeys keys = keySource.keys();
        checkHeader(jwt.getHeader(), keys);
        return verified(process(jwt, keys));
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
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
        if (keys.keysFor(header.getAlgorithm(), header.getKeyID()).isEmpty()) {
            throw new InvalidTokenException(KIND, Reason.UNKNOWN_KEY);
        }
    }

    private JWTClaimsSet process(SignedJWT jwt, SigningKeys keys) {
        try {
            if (!signedByOneOf(jwt, keys.verifiersFor(jwt.getHeader().getAlgorithm(), jwt.getHeader().getKeyID()))) {
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

    private static boolean signedByOneOf(SignedJWT jwt, List<JWSVerifier> verifiers) throws JOSEException {
        for (JWSVerifier verifier : verifiers) {
            if (jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
    }

    private static VerifiedBrokerToken verified(JWTClaimsSet claims) {
        try {
            return new VerifiedBrokerToken(
                    required(claims.getSubject()), required(claims.getStringClaim("sid")),
                    required(claims.getJWTID()), claims.getAudience().get(0),
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(),
                    required(claims.getDateClaim("auth_time")).toInstant(),
                    required(claims.getStringClaim("client_id")), claims.getStringClaim("origin"));
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED, e);
        }
    }

    private static <T> T required(T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
        return value;
    }
}
