package dev.anonbroker.dpop;

import dev.anonbroker.config.BrokerIssuer;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The URLs a client may name in a proof's {@code htu} for one of the broker's paths: below {@code broker.issuer}
 * (the public URL, never the {@code Host} header, which the caller chooses) and below each of
 * {@code broker.dpop.public-base-urls}. Compared after RFC 3986 section 6.2.2/6.2.3 normalisation of scheme, host,
 * default port and empty path, without query and fragment (RFC 9449 section 4.3).
 */
@Singleton
final class HttpTargets {

    private final BrokerIssuer issuer;
    private final DpopConfiguration configuration;

    HttpTargets(BrokerIssuer issuer, DpopConfiguration configuration) {
        this.issuer = issuer;
        this.configuration = configuration;
    }

    /** The normalised URLs of {@code path} (e.g. {@code /anon-session}) that a proof may name. */
    Set<String> of(String path) {
        Set<String> targets = new LinkedHashSet<>();
        normalised(issuer.resolve(path)).ifPresent(targets::add);
        for (String base : configuration.publicBaseUrls()) {
            String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            normalised(trimmed + path).ifPresent(targets::add);
        }
        return targets;
    }

    /** {@code scheme://host[:port]/path} in one spelling, or empty for anything that is no absolute http(s) URL. */
    static Optional<String> normalised(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port) + path);
    }
}
