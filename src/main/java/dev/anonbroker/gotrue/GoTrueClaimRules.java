package dev.anonbroker.gotrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.credential.InvalidTokenException.Reason;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.List;

/**
 * What a GoTrue access token must say besides its signature, {@code exp} and {@code sub}, for the flavor that
 * issued it (src/main/docs/guide/gotrue-compatibility.md section 3):
 * <ul>
 *   <li>{@code aud}: {@code broker.gotrue.audience} when set, else the flavor's default audience: netlify's is empty,
 *       and netlify leaves an empty {@code aud} out; supabase's is {@code authenticated}. A single string only.</li>
 *   <li>{@code role}: netlify issues none; supabase gives its users, anonymous ones included,
 *       {@code authenticated} ({@code GOTRUE_JWT_DEFAULT_GROUP_NAME}); {@code anon} and {@code service_role}
 *       are API keys, not users.</li>
 *   <li>{@code iss}: {@code broker.gotrue.issuer} when set (supabase's {@code GOTRUE_JWT_ISSUER}, on hosted
 *       projects {@code https://<ref>.supabase.co/auth/v1}); netlify never issues one, so it cannot be required.</li>
 * </ul>
 */
@Singleton
final class GoTrueClaimRules {

    static final String ISSUER = GoTrueConfiguration.PREFIX + ".issuer";
    static final String SUPABASE_DEFAULT_AUDIENCE = "authenticated";
    static final String SUPABASE_USER_ROLE = "authenticated";
    private static final String KIND = "GoTrue token";

    private final String audience;
    private final String role;
    private final String issuer;

    @Inject
    GoTrueClaimRules(GoTrueConfiguration configuration, @Nullable @Property(name = ISSUER) String issuer) {
        this(configuration.flavor(), configuration.audience(), issuer);
    }

    GoTrueClaimRules(GoTrueFlavor flavor, @Nullable String audience, @Nullable String issuer) {
        boolean supabase = flavor == GoTrueFlavor.SUPABASE;
        this.audience = audience != null && !audience.isEmpty() ? audience : supabase ? SUPABASE_DEFAULT_AUDIENCE : "";
        this.role = supabase ? SUPABASE_USER_ROLE : "";
        this.issuer = issuer == null || issuer.isEmpty() ? null : issuer;
        if (this.issuer != null && !supabase) {
            throw new ConfigurationException(ISSUER + " is set, but netlify's GoTrue issues tokens without iss: "
                    + "every token would be refused. Leave it empty with broker.gotrue.flavor=netlify.");
        }
        if (issuer != null && !issuer.isEmpty() && issuer.isBlank()) {
            throw new ConfigurationException(ISSUER + " must not be blank");
        }
    }

    /** @throws InvalidTokenException with the first claim that does not fit, in the order aud, role, iss */
    void check(JWTClaimsSet claims) {
        try {
            if (!fits(single(claims.getAudience()), audience)) {
                throw new InvalidTokenException(KIND, Reason.WRONG_AUDIENCE);
            }
            if (!fits(claims.getClaim("role"), role)) {
                throw new InvalidTokenException(KIND, Reason.WRONG_ROLE);
            }
            if (issuer != null && !issuer.equals(claims.getStringClaim("iss"))) {
                throw new InvalidTokenException(KIND, Reason.WRONG_ISSUER);
            }
        } catch (ParseException e) {
            throw new InvalidTokenException(KIND, Reason.WRONG_ISSUER, e);
        }
    }

    /** Nimbus reads a string {@code aud} as a list of one; several audiences never fit. */
    private static Object single(List<String> audiences) {
        if (audiences.isEmpty()) {
            return null;
        }
        return audiences.size() == 1 ? audiences.get(0) : audiences;
    }

    /** A string equal to {@code expected}, or, when nothing is expected, absent or empty. Never an array. */
    private static boolean fits(Object claim, String expected) {
        if (expected == null || expected.isEmpty()) {
            return claim == null || "".equals(claim);
        }
        return expected.equals(claim);
    }
}
