package dev.anonbroker.gate.ip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * IP address literals parsed without DNS. Forwarding headers are caller-written text, so nothing here hands text to
 * {@code InetAddress.getByName}: the bytes are parsed here and wrapped with {@code getByAddress}, which never resolves.
 *
 * <p>IPv4 is the strict dotted quad (four decimal parts of 0 to 255, no leading zeros, so that {@code 010.0.0.1} or
 * {@code 127.1} are never read as some other address, as BSD-style parsers would). IPv6 is RFC 4291 text, with an
 * optional trailing dotted quad; zone ids ({@code %eth0}) are refused, as a zone means nothing outside this host.
 * IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) come out as IPv4, so one visitor has one form.
 */
final class IpLiteral {

    private static final int MAX_LENGTH = 45;

    private IpLiteral() {
    }

    /** The address {@code text} is, or empty when it is anything else (a name, a zone id, a port, garbage). */
    static Optional<InetAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
        return bytes == null ? Optional.empty() : Optional.of(address(bytes));
    }

    /**
     * A forwarded node as proxies write it: an address, {@code IPv4:port}, {@code [IPv6]} or {@code [IPv6]:port}.
     * The port may be RFC 7239's obfuscated form ({@code _abc}); it is dropped.
     */
    static Optional<InetAddress> parseNode(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || !isPortSuffix(text.substring(close + 1))) {
                return Optional.empty();
            }
            String inner = text.substring(1, close);
            return inner.indexOf(':') >= 0 ? parse(inner) : Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            boolean ipv4WithPort = isPortSuffix(text.substring(colon));
            return ipv4WithPort ? parse(text.substring(0, colon)).filter(a -> a.getAddress().length == 4) : Optional.empty();
        }
        return parse(text);
    }

    /** {@code address} without scope and, when IPv4-mapped, as IPv4: the form a {@code Visitor} holds. */
    static InetAddress canonical(InetAddress address) {
        return address(address.getAddress());
    }

    private static boolean isPortSuffix(String suffix) {
        return suffix.isEmpty() || suffix.matches(":(\\d{1,5}|_[A-Za-z0-9._-]+)");
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            put(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            put(bytes, 8 - tail.length + i, tail[i]);
        }
        return bytes;
    }

    /**
     * The 16-bit groups of one side of {@code ::}; a dotted quad may end the last side and counts as two groups.
     *
     * @return null when malformed
     */
    private static int[] groups(String side, boolean last) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int[] groups = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (last && i == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] v4 = ipv4(part);
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[count++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(IpLiteral::isHex)) {
                return null;
            } else {
                groups[count++] = Integer.parseInt(part, 16);
            }
        }
        return Arrays.copyOf(groups, count);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void put(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /** {@code getByAddress} takes bytes, never a name, and turns IPv4-mapped IPv6 into IPv4 itself; made explicit. */
    private static InetAddress address(byte[] bytes) {
        byte[] plain = isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
        try {
            return InetAddress.getByAddress(plain);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", impossible);
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16 || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
