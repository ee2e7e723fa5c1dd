package dev.anonbroker.gate.netlify;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpRequest;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Netlify's signed proxy: with {@code broker.netlify.signed-proxy-secret} set, the mint endpoints require an
 * {@code x-nf-sign} header that Netlify signed with that secret. It proves that the request came through the site's
 * proxy redirect, not who or what asked the site: Netlify signs every request to the proxied path.
 *
 * <p>{@code @Context}: a secret too short for HS256 stops the start-up, not the first request.
 */
@Context
public final class SignedProxyGate {

    public static final String NAME = "signed-proxy";
    static final String HEADER = "x-nf-sign";

    private final NetlifySignature signature;

    SignedProxyGate(NetlifyConfiguration configuration, BrokerConfiguration broker, Clock clock) {
        this.signature = configuration.signedProxyEnabled()
                ? new NetlifySignature(configuration, broker.clockSkew(), clock) : null;
    }

    public boolean enabled() {
        return signature != null;
    }

    /**
     * Whether the request carries a valid {@code x-nf-sign}. On an endpoint that mints, a missing or invalid one is
     * refused; elsewhere (refresh) it only means the request's Netlify headers are not trusted.
     *
     * @throws ProblemException 403 when the endpoint mints and the signature is missing or invalid
     */
    public boolean verify(HttpRequest<?> request, GatedEndpoint endpoint) {
        if (signature == null) {
            return false;
        }
        List<String> values = request.getHeaders().getAll(HEADER);
        if (values.isEmpty() || values.get(0).isBlank()) {
            return refuse(endpoint, ProblemType.SIGNED_PROXY_REQUIRED, "This broker mints only for requests "
                    + "through its Netlify site's signed proxy redirect, and the request has no x-nf-sign header: "
                    + "call the site's proxied path (e.g. /api/anon-session), not the broker directly.");
        }
        Optional<String> problem = values.size() > 1
                ? Optional.of("The request has more than one x-nf-sign header; Netlify sends one.")
                : signature.problem(values.get(0).strip());
        return problem.isEmpty() || refuse(endpoint, ProblemType.SIGNED_PROXY_INVALID, problem.get());
    }

    private static boolean refuse(GatedEndpoint endpoint, ProblemType type, String detail) {
        if (endpoint.mints()) {
            throw new ProblemException(type, detail);
        }
        return false;
    }
}
