package dev.anonbroker.gate.ip;

import dev.anonbroker.gate.Visitor;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Finds the visitor a request counts as, from the source {@code broker.client-ip.source} names.
 */
@Singleton
public final class ClientIpResolver {

    /**
     * @param signedByNetlify whether the request's {@code x-nf-sign} verified, which alone makes
     *                        {@code x-nf-client-connection-ip} trustworthy
     */
    public Visitor resolve(HttpRequest<?> request, boolean signedByNetlify) {
        return new Visitor(request.getRemoteAddress().getAddress());
    }
}
