package dev.anonbroker.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.anonbroker.token.InvalidGoTrueTokenException.Reason;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies GoTrue access tokens locally with {@code broker.gotrue.jwt-secret} (RFC 7519, HS256 only).
 *
 * <p>HMAC-SHA256 is computed with {@code javax.crypto.Mac} rather than Nimbus' {@code MACVerifier}, which refuses
 * secrets under 256 bits: GoTrue secrets may be any length. The header's {@code alg} must be exactly {@code HS256}
 * before any cryptography, so {@code none} and public-key algorithms never get a chance. {@code iss} and {@code aud}
 * are not required: Netlify's GoTrue tokens carry neither.
 */
@Singleton
public final class GoTrueTokenVerifier {

    private static final int MAX_TOKEN_LENGTH = 16384;

    private final byte[] secret;
    private final Clock clock;

    GoTrueTokenVerifier(@Nullable @Property(name = "broker.gotrue.jwt-secret") String secret, Clock clock) {
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Whether {@code broker.gotrue.jwt-secret} is set; without it, GoTrue must be asked ({@code GET /user}). */
    public boolean canVerifyLocally() {
        return secret != null;
    }

    /**
     * @param expectedSubject the user the token must belong to; null accepts any
     * @throws InvalidGoTrueTokenException with the first reason the token fails
     * @throws IllegalStateException       when {@link #canVerifyLocally()} is false
     */
    public GoTrueAccessToken verify(String accessToken, @Nullable String expectedSubject) {
        if (secret == null) {
            throw new IllegalStateException("broker.gotrue.jwt-secret is not set");
        }
        String[] parts = split(accessToken);
        checkHeader(json(parts[0]));
        checkSignature(parts);
        return claims(json(parts[1]), expectedSubject);
    }

    private static String[] split(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidGoTrueTokenException(Reason.MALFORMED);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new InvalidGoTrueTokenException(Reason.MALFORMED);
        }
        return parts;
    }

    private static void checkHeader(Map<String, Object> header) {
        if (!"HS256".equals(header.get("alg")) || header.containsKey("crit")) {
            throw new InvalidGoTrueTokenException(Reason.WRONG_ALGORITHM);
        }
    }

    private void checkSignature(String[] parts) {
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
        if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
            throw new InvalidGoTrueTokenException(Reason.BAD_SIGNATURE);
        }
    }

    private GoTrueAccessToken claims(Map<String, Object> claims, @Nullable String expectedSubject) {
        try {
            Long exp = JSONObjectUtils.getLong(claims, "exp");
            if (exp == null) {
                throw new InvalidGoTrueTokenException(Reason.MALFORMED);
            }
            Instant expiresAt = Instant.ofEpochSecond(exp);
            if (!clock.instant().isBefore(expiresAt)) {
                throw new InvalidGoTrueTokenException(Reason.EXPIRED);
            }
            String subject = JSONObjectUtils.getString(claims, "sub");
            if (subject == null || subject.isBlank()) {
                throw new InvalidGoTrueTokenException(Reason.MALFORMED);
            }
            if (expectedSubject != null && !Objects.equals(subject, expectedSubject)) {
                throw new InvalidGoTrueTokenException(Reason.WRONG_SUBJECT);
            }
            return new GoTrueAccessToken(subject, JSONObjectUtils.getString(claims, "email"), expiresAt,
                    Boolean.TRUE.equals(claims.get("is_anonymous")), JSONObjectUtils.getJSONObject(claims, "user_metadata"));
        } catch (ParseException e) {
            throw new InvalidGoTrueTokenException(Reason.MALFORMED, e);
        }
    }

    private static Map<String, Object> json(String part) {
        try {
            return JSONObjectUtils.parse(new String(decode(part), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new InvalidGoTrueTokenException(Reason.MALFORMED, e);
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidGoTrueTokenException(Reason.MALFORMED, e);
        }
    }
}
