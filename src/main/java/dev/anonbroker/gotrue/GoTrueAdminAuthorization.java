package dev.anonbroker.gotrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * The bearer for GoTrue's admin API (src/main/docs/guide/gotrue-compatibility.md section 4).
 *
 * <p>A configured {@code broker.gotrue.admin-token} is used as it is (netlify operator token or Functions
 * {@code identity.token}, supabase {@code service_role} key). With only {@code broker.gotrue.jwt-secret}, the
 * client signs short-lived HS256 admin JWTs itself (RFC 7519): netlify's system user {@code {"sub":"0","exp":..}},
 * supabase's {@code {"role":"service_role","iat":..,"exp":..}}. A signed token is reused until a quarter of its
 * lifetime is left. Signed with Nimbus' {@code MACSigner}, see {@link GoTrueSecret}.
 */
@Singleton
final class GoTrueAdminAuthorization {

    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final GoTrueConfiguration configuration;
    private final MACSigner signer;
    private final Clock clock;
    private volatile SignedToken current;

    GoTrueAdminAuthorization(GoTrueConfiguration configuration, Clock clock) {
        this.configuration = configuration;
        this.signer = configuration.hasJwtSecret() ? GoTrueSecret.signer(configuration.jwtSecret()) : null;
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
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().expirationTime(Date.from(now.plus(ttl)));
        if (configuration.flavor() == GoTrueFlavor.SUPABASE) {
            claims.claim("role", "service_role").issueTime(Date.from(now));
        } else {
            claims.subject("0");
        }
        SignedJWT jwt = new SignedJWT(HEADER, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a GoTrue admin JWT failed", e);
        }
        return new SignedToken(jwt.serialize(), now.plus(ttl.minus(ttl.dividedBy(4))));
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
