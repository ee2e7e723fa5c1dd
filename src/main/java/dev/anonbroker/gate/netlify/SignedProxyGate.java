package dev.anonbroker.gate.netlify;

import dev.anonbroker.gate.GatedEndpoint;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Netlify's signed proxy: with {@code broker.netlify.signed-proxy-secret} set, the mint endpoints require an
 * {@code x-nf-sign} header that Netlify signed with that secret.
 */
@Singleton
public final class SignedProxyGate {

    public static final String NAME = "signed-proxy";

    private final NetlifyConfiguration configuration;

    SignedProxyGate(NetlifyConfiguration configuration) {
        this.configuration = configuration;
    }

    public boolean enabled() {
        return configuration.signedProxyEnabled();
    }

    /**
     * Whether the request carries a valid {@code x-nf-sign}. On an endpoint that mints, a missing or invalid one is
     * refused; elsewhere (refresh) it only means the request's Netlify headers are not trusted.
     *
     * @throws dev.anonbroker.problem.ProblemException 403 when the endpoint mints and the signature is missing or invalid
     */
    public boolean verify(HttpRequest<?> request, GatedEndpoint endpoint) {
        return false;
    }
}
