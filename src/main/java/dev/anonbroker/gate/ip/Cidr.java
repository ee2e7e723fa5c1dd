package dev.anonbroker.gate.ip;

import io.micronaut.context.exceptions.ConfigurationException;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * One network of {@code broker.client-ip.trusted-proxies}, IPv4 or IPv6, e.g. {@code 10.0.0.0/8} or
 * {@code fd00::/8}. A bare address is a network of one. Host bits below the prefix are ignored, as nginx does.
 */
record Cidr(byte[] network, int prefixLength) {

    static final String SETTING = ClientIpConfiguration.PREFIX + ".trusted-proxies";

    /** @throws ConfigurationException naming the setting and the entry when {@code text} is no CIDR */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpLiteral.parse(address).map(InetAddress::getAddress)
                .orElseThrow(() -> invalid(text, "'" + address + "' is not an IPv4 or IPv6 address"));
        int maxLength = bytes.length * 8;
        int prefix = slash < 0 ? maxLength : prefixLength(text, text.substring(slash + 1), maxLength);
        return new Cidr(mask(bytes, prefix), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    private static int prefixLength(String text, String digits, int maxLength) {
        if (!digits.matches("\\d{1,3}") || Integer.parseInt(digits) > maxLength) {
            throw invalid(text, "the prefix length must be a number from 0 to " + maxLength);
        }
        return Integer.parseInt(digits);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] masked = Arrays.copyOf(bytes, bytes.length);
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }

    private static ConfigurationException invalid(String text, String why) {
        return new ConfigurationException(SETTING + " entry '" + text + "' is not a CIDR such as 10.0.0.0/8 or "
                + "fd00::/8: " + why);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefixLength == prefixLength && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpLiteral.canonical(address()).getHostAddress() + "/" + prefixLength;
    }

    private InetAddress address() {
        try {
            return InetAddress.getByAddress(network);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
