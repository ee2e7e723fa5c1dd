package dev.anonbroker.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code broker.dpop.*}: DPoP-bound tokens (RFC 9449).
 *
 * @param enabled         when true every mint ({@code /anon-session}, {@code /exchange}, {@code /refresh}) needs a
 *                        valid proof; when false a request with a proof still gets a bound token, one without gets a
 *                        bearer token
 * @param algorithms      the proofs' accepted {@code alg} values, a subset of {@link #SUPPORTED}
 * @param maxAge          how old a proof's {@code iat} may be
 * @param clockSkew       how far in the future a proof's {@code iat} may be
 * @param maxRemembered   proofs ({@code jti}) remembered at once; when full, new ones are refused
 * @param publicBaseUrls  base URLs besides {@code broker.issuer} under which clients reach the broker (a site's own
 *                        origin proxying to it), for the proofs' {@code htu}
 */
@ConfigurationProperties(DpopConfiguration.PREFIX)
public record DpopConfiguration(@Bindable(defaultValue = "false") boolean enabled,
                                @Bindable(defaultValue = "ES256") List<String> algorithms,
                                @Bindable(defaultValue = "60s") Duration maxAge,
                                @Bindable(defaultValue = "5s") Duration clockSkew,
                                @Bindable(defaultValue = "200000") long maxRemembered,
                                @Nullable List<String> publicBaseUrls) {

    public static final String PREFIX = "broker.dpop";
    /** Asymmetric algorithms of nimbus-jose-jwt that need no extra library (EdDSA would need Tink). */
    static final Set<String> SUPPORTED = Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256",
            "PS384", "PS512");

    public DpopConfiguration {
        algorithms = algorithms == null ? List.of() : List.copyOf(algorithms);
        publicBaseUrls = publicBaseUrls == null ? List.of() : List.copyOf(publicBaseUrls);
        if (algorithms.isEmpty() || !SUPPORTED.containsAll(algorithms)) {
            throw new ConfigurationException(PREFIX + ".algorithms must name one or more of " + SUPPORTED
                    + ", not " + algorithms);
        }
        if (maxAge == null || maxAge.toSeconds() < 1) {
            throw new ConfigurationException(PREFIX + ".max-age must be at least 1s");
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new ConfigurationException(PREFIX + ".clock-skew must not be negative");
        }
        if (maxRemembered < 1) {
            throw new ConfigurationException(PREFIX + ".max-remembered must be at least 1");
        }
        for (String base : publicBaseUrls) {
            requireBaseUrl(base);
        }
    }

    Set<JWSAlgorithm> acceptedAlgorithms() {
        return Set.copyOf(algorithms.stream().map(JWSAlgorithm::parse).toList());
    }

    private static void requireBaseUrl(String base) {
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(PREFIX + ".public-base-urls: '" + base + "' is not a URL");
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigurationException(PREFIX + ".public-base-urls: '" + base
                    + "' must be an http(s) URL without query or fragment, e.g. https://www.example.com/api");
        }
    }
}
