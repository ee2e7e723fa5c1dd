package dev.anonbroker.gotrue;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

/**
 * Verifies GoTrue access tokens locally with {@code broker.gotrue.jwt-secret} (RFC 7519, HS256 only, through Nimbus'
 * {@link MACVerifier}).
 *
 * <p>Its three segments must be canonical base64url ({@link CanonicalJws}) and the header's {@code alg} exactly
 * {@code HS256} with no critical parameters, both before any cryptography, so re-spelled tokens, {@code none} and
 * public-key algorithms never get a chance. After the signature: {@code exp}, {@code sub}, then {@code aud},
 * {@code role} and {@code iss} as the flavor issues them ({@link GoTrueClaimRules}).
 */
@Singleton
public final class GoTrueTokenVerifier {

    private static final String KIND = "GoTrue token";

    private final MACVerifier verifier;
    private final GoTrueClaimRules rules;
    private final Clock clock;

    GoTrueTokenVerifier(@Nullable @Property(name = GoTrueConfiguration.JWT_SECRET) String secret,
                        GoTrueClaimRules rules, Clock clock) {
        this.verifier = secret == null || secret.isEmpty() ? null : GoTrueSecret.verifier(secret);
        this.rules = rules;
        this.clock = clock;
    }

    /** Whether {@code broker.gotrue.jwt-secret} is set; without it, GoTrue must be asked ({@code GET /user}). */
    public boolean canVerifyLocally() {
        return verifier != null;
    }

    /**
     * @param expectedSubject the user the token must belong to; null accepts any
     * @throws InvalidTokenException with the first reason the token fails
     * @throws IllegalStateException when {@link #canVerifyLocally()} is false
     */
    public GoTrueAccessToken verify(String accessToken, @Nullable String expectedSubject) {
        if (verifier == null) {
            throw new IllegalStateException(GoTrueConfiguration.JWT_SECRET + " is not set");
        }
        SignedJWT jwt = parse(CanonicalJws.parse(accessToken).compact());
        checkHeader(jwt.getHeader());
        checkSignature(jwt);
        return claims(jwt, expectedSubject);
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, hasOtherAlgorithm(token) ? Reason.WRONG_ALGORITHM : Reason.MALFORMED, e);
        }
    }

    /** Whether a token that is no JWS has a readable header naming another algorithm, such as {@code none}. */
    private static boolean hasOtherAlgorithm(String token) {
        int dot = token.indexOf('.');
        try {
            return dot > 0 && Header.parse(new Base64URL(token.substring(0, dot))).getAlgorithm() != null;
        } catch (ParseException notAHeader) {
            return false;
        }
    }

    private static void checkHeader(JWSHeader header) {
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getCriticalParams() != null) {
            throw new InvalidTokenException(KIND, Reason.WRONG_ALGORITHM);
        }
    }

    private void checkSignature(SignedJWT jwt) {
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException(KIND, Reason.BAD_SIGNATURE);
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException(KIND, Reason.BAD_SIGNATURE, e);
        }
    }

    private GoTrueAccessToken claims(SignedJWT jwt, @Nullable String expectedSubject) {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant expiresAt = required(claims.getExpirationTime());
            if (!clock.instant().isBefore(expiresAt)) {
                throw new InvalidTokenException(KIND, Reason.EXPIRED);
            }
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw new InvalidTokenException(KIND, Reason.MALFORMED);
            }
            if (expectedSubject != null && !Objects.equals(subject, expectedSubject)) {
                throw new InvalidTokenException(KIND, Reason.WRONG_SUBJECT);
            }
            rules.check(claims);
            return new GoTrueAccessToken(subject, claims.getStringClaim("email"), expiresAt,
                    Boolean.TRUE.equals(claims.getClaim("is_anonymous")), claims.getJSONObjectClaim("user_metadata"));
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED, e);
        }
    }

    private static Instant required(Date date) {
        if (date == null) {
            throw new InvalidTokenException(KIND, Reason.MALFORMED);
        }
        return date.toInstant();
    }
}
