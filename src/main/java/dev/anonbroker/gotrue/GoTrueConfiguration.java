package dev.anonbroker.gotrue;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code broker.gotrue.*}: where GoTrue is and how to talk to it. Secrets have no default and are never logged.
 *
 * @param url             GoTrue base URL, e.g. {@code https://example.netlify.app/.netlify/identity}; empty starts the embedded emulator
 * @param flavor          {@code netlify} or {@code supabase}
 * @param mode            {@code signup}, {@code admin-create} or {@code anonymous}
 * @param jwtSecret       GoTrue's HS256 secret, to verify its tokens locally and sign admin JWTs
 * @param adminToken      bearer for admin calls (netlify operator token or Functions {@code identity.token}, supabase {@code service_role} key)
 * @param clientIpHeader  header carrying the visitor's IP; empty means the flavor's default
 * @param audience        {@code X-JWT-AUD} sent on every call; empty means GoTrue's default audience
 * @param emailDomain     domain of throwaway emails
 * @param apiKey          supabase platform gateway {@code apikey} header; empty sends none
 * @param connectTimeout  TCP connect timeout
 * @param readTimeout     time allowed for an answer
 * @param maxConnections  bound of the connection pool
 * @param adminJwtTtl     lifetime of admin JWTs the client signs itself
 * @param allowInsecureHttp   accept an {@code http://} URL for a host other than loopback (sends the admin credential in clear)
 * @param requestDeadline     time all GoTrue calls of one request path (a mint, an exchange) may take together
 * @param cleanupConnections  bound of the reserved pool for deletions, the sweep and health checks
 */
@ConfigurationProperties(GoTrueConfiguration.PREFIX)
public record GoTrueConfiguration(
        @Nullable String url,
        @Bindable(defaultValue = "netlify") @NotNull GoTrueFlavor flavor,
        @Bindable(defaultValue = "signup") @NotNull GoTrueMode mode,
        @Nullable String jwtSecret,
        @Nullable String adminToken,
        @Nullable String clientIpHeader,
        @Nullable String audience,
        @Bindable(defaultValue = "anon.invalid") @NotBlank String emailDomain,
        @Nullable String apiKey,
        @Bindable(defaultValue = "2s") @NotNull Duration connectTimeout,
        @Bindable(defaultValue = "5s") @NotNull Duration readTimeout,
        @Bindable(defaultValue = "50") @Min(1) int maxConnections,
        @Bindable(defaultValue = "60s") @NotNull Duration adminJwtTtl,
        @Bindable(defaultValue = "false") boolean allowInsecureHttp,
        @Bindable(defaultValue = "2s") @NotNull Duration requestDeadline,
        @Bindable(defaultValue = "8") @Min(1) int cleanupConnections) {

    public static final String PREFIX = "broker.gotrue";
    public static final String JWT_SECRET = PREFIX + ".jwt-secret";
    public static final String URL = PREFIX + ".url";
    public static final String ALLOW_INSECURE_HTTP = PREFIX + ".allow-insecure-http";

    public GoTrueConfiguration {
        if (jwtSecret != null && !jwtSecret.isEmpty()
                && jwtSecret.getBytes(StandardCharsets.UTF_8).length < GoTrueSecret.MIN_BYTES) {
            throw GoTrueSecret.tooShort();
        }
        if (requestDeadline != null && (requestDeadline.isNegative() || requestDeadline.isZero())) {
            throw new IllegalArgumentException(PREFIX + ".request-deadline must be positive");
        }
    }

    /** The header in which the visitor's IP is forwarded. */
    public String effectiveClientIpHeader() {
        if (clientIpHeader != null && !clientIpHeader.isBlank()) {
            return clientIpHeader;
        }
        return flavor == GoTrueFlavor.SUPABASE ? "Sb-Forwarded-For" : "X-Forwarded-For";
    }

    public boolean hasJwtSecret() {
        return jwtSecret != null && !jwtSecret.isEmpty();
    }

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isEmpty();
    }

    /** Whether the broker can call GoTrue's admin API at all. */
    public boolean hasAdminCredential() {
        return hasAdminToken() || hasJwtSecret();
    }

    @Override
    public String toString() {
        return "GoTrueConfiguration[url=" + url + ", flavor=" + flavor + ", mode=" + mode
                + ", jwtSecret=" + (hasJwtSecret() ? "***" : "none")
                + ", adminToken=" + (hasAdminToken() ? "***" : "none") + "]";
    }
}
