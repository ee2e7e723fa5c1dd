package dev.anonbroker.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.token.InvalidBrokerTokenException.Reason;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;

/**
 * Verifies broker tokens (for refresh and introspection) as RFC 9068 section 4 asks: {@code typ: at+jwt}, an
 * {@code alg} of a configured key only (never {@code none}, never HS256 unless an {@code oct} key is configured), the
 * key named by {@code kid} among all configured keys (so tokens of a rotated-out key fail once it leaves the set), then
 * the claims ({@link BrokerClaimsVerifier}). Every refusal is an {@link InvalidBrokerTokenException} with its reason.
 */
@Singleton
public final class BrokerTokenVerifier {

    /** Far above any broker token; stops parsing of absurd input early. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final SigningKeySource keySource;
    private final BrokerClaimsVerifier claimsVerifier;

    BrokerTokenVerifier(SigningKeySource keySource, BrokerConfiguration configuration, BrokerIssuer issuer,
                        Clock clock) {
        this.keySource = keySource;
        this.claimsVerifier = new BrokerClaimsVerifier(configuration, issuer, clock);
    }

    /** @throws InvalidBrokerTokenException with the first reason the token fails */
    public VerifiedBrokerToken verify(String token) {
        SignedJWT jwt = parse(token);
        SigningKeys keys = keySource.keys();
        checkHeader(jwt.getHeader(), keys);
        return verified(process(jwt, keys));
    }

    private static SignedJWT parse(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidBrokerTokenException(Reason.MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidBrokerTokenException(Reason.MALFORMED, e);
        }
        if (jwt instanceof PlainJWT) {
            throw new InvalidBrokerTokenException(Reason.WRONG_ALGORITHM);
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidBrokerTokenException(Reason.MALFORMED);
        }
        return signed;
    }

    /** Header checks before any cryptography, each with its own reason. */
    private static void checkHeader(JWSHeader header, SigningKeys keys) {
        if (!BrokerSignatureGeneratorConfiguration.AT_JWT.equals(header.getType())) {
            throw new InvalidBrokerTokenException(Reason.WRONG_TYPE);
        }
        if (!keys.algorithms().contains(header.getAlgorithm())) {
            throw new InvalidBrokerTokenException(Reason.WRONG_ALGORITHM);
        }
        if (keys.keysFor(header.getAlgorithm(), header.getKeyID()).isEmpty()) {
            throw new InvalidBrokerTokenException(Reason.UNKNOWN_KEY);
        }
    }

    private JWTClaimsSet process(SignedJWT jwt, SigningKeys keys) {
        BrokerKeySelection selection = new BrokerKeySelection(keys);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(BrokerSignatureGeneratorConfiguration.AT_JWT));
        processor.setJWSKeySelector(selection);
        processor.setJWSVerifierFactory(selection);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        try {
            return processor.process(jwt, null);
        } catch (BrokerClaimsVerifier.Rejection e) {
            throw new InvalidBrokerTokenException(e.reason(), e);
        } catch (BadJWSException e) {
            throw new InvalidBrokerTokenException(Reason.BAD_SIGNATURE, e);
        } catch (BadJWTException e) {
            throw new InvalidBrokerTokenException(Reason.MALFORMED, e);
        } catch (BadJOSEException e) {
            throw new InvalidBrokerTokenException(Reason.UNKNOWN_KEY, e);
        } catch (JOSEException e) {
            throw new InvalidBrokerTokenException(Reason.BAD_SIGNATURE, e);
        }
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
            throw new InvalidBrokerTokenException(Reason.MALFORMED, e);
        }
    }

    private static <T> T required(T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidBrokerTokenException(Reason.MALFORMED);
        }
        return value;
    }
}
