package dev.anonbroker.gate.ip;

import java.net.InetAddress;
import java.util.List;

/**
 * {@code broker.client-ip.trusted-proxies}: the peers whose forwarding headers are read. No networks means every
 * peer is trusted, for deployments where only the proxy can reach the broker at all.
 */
record TrustedProxies(List<Cidr> networks) {

    /** @throws io.micronaut.context.exceptions.ConfigurationException on the first entry that is no CIDR */
    static TrustedProxies parse(List<String> entries) {
        return new TrustedProxies(entries.stream().map(Cidr::parse).toList());
    }

    boolean trusts(InetAddress peer) {
        return networks.isEmpty() || networks.stream().anyMatch(network -> network.contains(peer));
    }
}
