package dev.anonbroker.gotrue;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The bearer for GoTrue's admin API (gotrue-contract.md section 4).
 *
 * <p>A configured {@code broker.gotrue.admin-token} is used as it is (netlify operator token or Functions
 * {@code identity.token}, supabase {@code service_role} key). With only {@code broker.gotrue.jwt-secret}, the
 * client signs short-lived HS256 admin JWTs itself (RFC 7519): netlify's system user {@code {"sub":"0","exp":..}},
 * supabase's {@code {"role":"service_role","iat":..,"exp":..}}. A signed token is reused until a quarter of its
 * lifetime is left.
 *
 * <p>HMAC is computed with {@link Mac} directly: GoTrue accepts secrets of any length, while JOSE libraries
 * refuse HS256 keys shorter than 256 bits.
 */
@Singleton
final class GoTrueAdminAuthorization {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64URL.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));

    private final GoTrueConfiguration configuration;
    private final Clock clock;
    private volatile SignedToken current;

    GoTrueAdminAuthorization(GoTrueConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.clock = clock;
    }

    /** The value of the {@code Authorization} header for an admin call. */
    String authorizationHeader() {
        return "Bearer " + bearer();
    }

    String bearer() {
        if (configuration.hasAdminToken()) {
            return configuration.adminToken();
        }
        if (!configuration.hasJwtSecret()) {
            throw new IllegalStateException("GoTrue admin API needs a credential: set "
                    + GoTrueConfiguration.PREFIX + ".admin-token or " + GoTrueConfiguration.PREFIX + ".jwt-secret");
        }
        Instant now = clock.instant();
        SignedToken token = current;
        if (token == null || !token.freshAt(now)) {
            token = sign(now);
            current = token;
        }
        return token.value();
    }

    private SignedToken sign(Instant now) {
        Duration ttl = configuration.adminJwtTtl();
        long iat = now.getEpochSecond();
        long exp = now.plus(ttl).getEpochSecond();
        String claims = configuration.flavor() == GoTrueFlavor.SUPABASE
                ? "{\"role\":\"service_role\",\"iat\":" + iat + ",\"exp\":" + exp + "}"
                : "{\"sub\":\"0\",\"exp\":" + exp + "}";
        String signingInput = HEADER + "." + BASE64URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        String jwt = signingInput + "." + BASE64URL.encodeToString(hmacSha256(signingInput));
        return new SignedToken(jwt, now.plus(ttl.minus(ttl.dividedBy(4))));
    }

    private byte[] hmacSha256(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(configuration.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** A signed admin JWT and the instant from which a new one is signed instead. */
    private record SignedToken(String value, Instant renewAt) {

        boolean freshAt(Instant now) {
            return now.isBefore(renewAt);
        }

        @Override
        public String toString() {
            return "SignedToken[renewAt=" + renewAt + "]";
        }
    }
}
