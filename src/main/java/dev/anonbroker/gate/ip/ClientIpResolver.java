package dev.anonbroker.gate.ip;

import dev.anonbroker.gate.Visitor;
import dev.anonbroker.gate.netlify.NetlifyConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Finds the visitor a request counts as, from the source {@code broker.client-ip.source} names. Forwarding headers
 * are written by whoever sends the request, so each source reads only the part a proxy of the operator wrote: the
 * entry {@code trusted-hops} from the right, or Netlify's header on a request Netlify signed. Whatever cannot be read
 * as an IP literal counts as the TCP peer, never as text the caller chose. Header values are never logged.
 *
 * <p>{@code @Context}: a malformed CIDR, or {@code netlify} without a signed-proxy secret, stops the start-up.
 */
@Context
public final class ClientIpResolver {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED = "Forwarded";
    static final String NETLIFY_CLIENT_IP = "x-nf-client-connection-ip";

    private static final Logger LOG = LoggerFactory.getLogger(ClientIpResolver.class);

    private final ClientIpSource source;
    private final int hops;
    private final TrustedProxies trustedProxies;

    ClientIpResolver(ClientIpConfiguration configuration, NetlifyConfiguration netlify) {
        this.source = configuration.source();
        this.hops = configuration.trustedHops();
        if (source == ClientIpSource.NETLIFY && !netlify.signedProxyEnabled()) {
            throw new ConfigurationException(ClientIpConfiguration.PREFIX + ".source=netlify trusts "
                    + NETLIFY_CLIENT_IP + " only on requests Netlify signed, so it needs "
                    + NetlifyConfiguration.PREFIX + ".signed-proxy-secret; set it, or choose another "
                    + ClientIpConfiguration.PREFIX + ".source");
        }
        this.trustedProxies = TrustedProxies.parse(configuration.trustedProxies());
    }

    /**
     * @param signedByNetlify whether the request's {@code x-nf-sign} verified, which alone makes
     *                        {@code x-nf-client-connection-ip} trustworthy
     */
    public Visitor resolve(HttpRequest<?> request, boolean signedByNetlify) {
        InetAddress peer = IpLiteral.canonical(request.getRemoteAddress().getAddress());
        if (source == ClientIpSource.PEER || !trustedProxies.trusts(peer)) {
            return new Visitor(peer);
        }
        Optional<InetAddress> forwarded = forwarded(request, signedByNetlify);
        if (forwarded.isEmpty()) {
            LOG.debug("No IP literal where broker.client-ip.source={} expects the visitor's; counting the TCP peer",
                    source);
        }
        return new Visitor(forwarded.orElse(peer));
    }

    private Optional<InetAddress> forwarded(HttpRequest<?> request, boolean signedByNetlify) {
        return switch (source) {
            case X_FORWARDED_FOR -> XForwardedFor.visitor(lines(request, X_FORWARDED_FOR), hops);
            case FORWARDED -> ForwardedHeader.visitor(lines(request, FORWARDED), hops);
            case NETLIFY -> signedByNetlify ? netlifyClientIp(lines(request, NETLIFY_CLIENT_IP)) : Optional.empty();
            case PEER -> Optional.empty();
        };
    }

    /** Netlify sets one value; more than one line means someone else added one, and none is trusted. */
    private static Optional<InetAddress> netlifyClientIp(List<String> lines) {
        return lines.size() == 1 ? IpLiteral.parse(lines.get(0).strip()) : Optional.empty();
    }

    private static List<String> lines(HttpRequest<?> request, String header) {
        return request.getHeaders().getAll(header);
    }
}
