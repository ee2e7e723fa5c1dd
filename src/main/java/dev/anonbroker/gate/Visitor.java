package dev.anonbroker.gate;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The visitor a request counts as: an IP address from a source the operator trusts (see {@code gate/ip}), never one
 * the caller wrote. Its {@link #network()} groups the addresses one household or provider customer usually has.
 *
 * @param address the visitor's address; an IPv4-mapped IPv6 address is already unwrapped to IPv4
 */
public record Visitor(InetAddress address) {

    static final int IPV4_NETWORK_BITS = 24;
    static final int IPV6_NETWORK_BITS = 64;

    public Visitor {
        Objects.requireNonNull(address, "address");
    }

    /** The address as text, as forwarded to GoTrue. */
    public String ip() {
        return address.getHostAddress();
    }

    /** The visitor's {@code /24} (IPv4) or {@code /64} (IPv6) in CIDR notation, e.g. {@code 203.0.113.0/24}. */
    public String network() {
        int bits = address instanceof Inet4Address ? IPV4_NETWORK_BITS : IPV6_NETWORK_BITS;
        byte[] prefix = Arrays.copyOf(address.getAddress(), address.getAddress().length);
        for (int bit = bits; bit < prefix.length * 8; bit++) {
            prefix[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + bits;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", impossible);
        }
    }
}
