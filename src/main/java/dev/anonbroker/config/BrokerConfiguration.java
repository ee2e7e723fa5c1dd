package dev.anonbroker.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code broker.*}: settings every part of the broker shares.
 *
 * @param issuer        {@code iss} of broker tokens and base of the discovery URLs; an absolute http(s) URL without query
 *                      or fragment, may have a path. Unset: the server's own URL, see {@link BrokerIssuer}
 * @param audiences     the {@code aud} values broker tokens may carry; the first is the default
 * @param tokenTtl      lifetime of one broker token
 * @param maxSessionAge how long a session may be refreshed; no token of a session outlives its start plus this
 * @param clockSkew     tolerance when checking {@code exp}, {@code nbf} and {@code iat} of broker tokens
 */
@ConfigurationProperties(BrokerConfiguration.PREFIX)
public record BrokerConfiguration(
        @Nullable String issuer,
        @Bindable(defaultValue = "backend") @NotEmpty List<@NotBlank String> audiences,
        @Bindable(defaultValue = "10m") @NotNull Duration tokenTtl,
        @Bindable(defaultValue = "1h") @NotNull Duration maxSessionAge,
        @Bindable(defaultValue = "30s") @NotNull Duration clockSkew) {

    public static final String PREFIX = "broker";

    public BrokerConfiguration {
        requireIssuerUrl(issuer);
        requirePositive(tokenTtl, "broker.token-ttl");
        requirePositive(maxSessionAge, "broker.max-session-age");
        if (clockSkew != null && clockSkew.isNegative()) {
            throw new ConfigurationException("broker.clock-skew must not be negative");
        }
        audiences = audiences == null ? null : List.copyOf(audiences);
    }

    /** The {@code aud} of tokens minted without an explicit audience. */
    public String defaultAudience() {
        return audiences.get(0);
    }

    /**
     * The audience rule: the {@code aud} of a token asked for {@code requested}. Nothing asked (null or blank) gives
     * the {@link #defaultAudience}; one of {@link #audiences} gives itself; anything else is not allowed (empty).
     */
    public Optional<String> audienceFor(@Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.of(defaultAudience());
        }
        return audiences.contains(requested) ? Optional.of(requested) : Optional.empty();
    }

    /** OpenID Connect Discovery 1.0 section 3: https (http for development), no query, no fragment. */
    private static void requireIssuerUrl(String issuer) {
        if (issuer == null || issuer.isBlank()) {
            return;
        }
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("broker.issuer is not a URL: " + issuer);
        }
        boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException("broker.issuer must be an absolute http(s) URL without query or "
                    + "fragment, got " + issuer);
        }
    }

    private static void requirePositive(Duration value, String setting) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new ConfigurationException(setting + " must be positive, got " + value);
        }
    }
}
