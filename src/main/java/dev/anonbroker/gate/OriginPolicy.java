package dev.anonbroker.gate;

import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether an {@code Origin} may call the session endpoints (and which origins the client script's CORS
 * answers). Patterns are matched against the whole
 * origin, case-insensitively; {@code *} matches one or more of {@code [a-z0-9-]}, so it never spans a dot and
 * {@code https://*--mysite.netlify.app} cannot be satisfied by {@code https://evil.com/--mysite.netlify.app}.
 */
@Context
public final class OriginPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(OriginPolicy.class);

    private final List<Pattern> patterns;

    OriginPolicy(GateConfiguration configuration) {
        this.patterns = configuration.allowedOrigins().stream().map(OriginPolicy::compile).toList();
        if (patterns.isEmpty()) {
            LOG.warn("broker.allowed-origins is empty: ANY website may obtain broker tokens. "
                    + "Set broker.allowed-origins (env BROKER_ALLOWED_ORIGINS) to your frontend's origins.");
        }
    }

    static Pattern compile(String origin) {
        String lower = origin.toLowerCase(Locale.ROOT);
        int schemeEnd = lower.indexOf("://");
        if (schemeEnd <= 0 || lower.indexOf('/', schemeEnd + 3) >= 0) {
            throw new IllegalArgumentException("broker.allowed-origins entry '" + origin
                    + "' must be an origin (scheme://host[:port]) without a path or trailing slash");
        }
        StringBuilder regex = new StringBuilder();
        for (String literal : lower.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[a-z0-9-]+");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    /** True when no list is configured: every origin, and requests without one, may call. */
    public boolean allowsAny() {
        return patterns.isEmpty();
    }

    /** Whether a page of this origin may read the broker's answers (CORS): any origin without a list, else a match. */
    public boolean allows(@Nullable String origin) {
        return origin != null && (allowsAny() || matches(origin));
    }

    /** Whether this origin matches a configured entry. A null origin never matches. */
    public boolean matches(String origin) {
        if (origin == null) {
            return false;
        }
        String lower = origin.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.matcher(lower).matches());
    }
}
