package dev.anonbroker.config;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's issuer identifier ({@code iss}, RFC 7519 section 4.1.1) and the URLs derived from it.
 *
 * <p>With {@code broker.issuer} set, that value is used exactly as given. Unset, the issuer is the embedded server's own
 * URL ({@code scheme://host:port} from {@code micronaut.server.*}), resolved once, at first use (after the server has
 * bound its port), and then kept for the life of the process. It is deliberately not taken from the request's
 * {@code Host} or {@code X-Forwarded-*} headers: those vary per request and are chosen by the caller, while backends
 * compare {@code iss} exactly. Behind a proxy the server's own URL is not what backends see, hence the warning: set
 * {@code broker.issuer} in production.
 */
@Singleton
public final class BrokerIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerIssuer.class);

    private final BrokerConfiguration configuration;
    private final BeanProvider<EmbeddedServer> server;
    private volatile String resolved;

    public BrokerIssuer(BrokerConfiguration configuration, BeanProvider<EmbeddedServer> server) {
        this.configuration = configuration;
        this.server = server;
    }

    /** The issuer, exactly as it appears in {@code iss} and in the discovery document. */
    public String value() {
        String issuer = resolved;
        if (issuer == null) {
            synchronized (this) {
                if (resolved == null) {
                    resolved = resolve();
                }
                issuer = resolved;
            }
        }
        return issuer;
    }

    /**
     * A URL below the issuer, as OpenID Connect Discovery 1.0 section 4 derives them: the issuer without a trailing
     * slash, then {@code path}. E.g. issuer {@code https://example.com/broker}, path {@code /.well-known/jwks.json}.
     */
    public String resolve(String path) {
        String issuer = value();
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return base + path;
    }

    private String resolve() {
        if (configuration.issuer() != null && !configuration.issuer().isBlank()) {
            return configuration.issuer();
        }
        if (!server.isPresent()) {
            throw new ConfigurationException("broker.issuer must be set when the broker runs without its HTTP server");
        }
        String own = server.get().getURL().toString();
        LOG.warn("broker.issuer is not set: using the server's own URL {} as issuer. Backends compare iss exactly and "
                + "fetch keys below it; set broker.issuer (BROKER_ISSUER) to the public URL of the broker.", own);
        return own;
    }
}
