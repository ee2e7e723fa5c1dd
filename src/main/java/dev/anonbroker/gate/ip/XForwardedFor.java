package dev.anonbroker.gate.ip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code X-Forwarded-For}: a comma-separated list to which each proxy appends the address it received the request
 * from. Only the entries the operator's own proxies appended, at the right end, can be trusted; everything left of
 * them is whatever the caller sent.
 */
final class XForwardedFor {

    private XForwardedFor() {
    }

    /**
     * The entry {@code hops} from the right (1: the right-most), or the left-most when there are fewer entries.
     * All header lines count, in order, as one list (RFC 9110 section 5.3).
     *
     * @return empty when there is no header or the chosen entry is no IP literal ({@code IPv4:port} and
     *         {@code [IPv6]:port} are accepted, as some load balancers append the port)
     */
    static Optional<InetAddress> visitor(List<String> lines, int hops) {
        List<String> entries = entries(lines);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        int index = Math.max(0, entries.size() - hops);
        return IpLiteral.parseNode(entries.get(index));
    }

    static List<String> entries(List<String> lines) {
        List<String> entries = new ArrayList<>();
        for (String line : lines) {
            if (line != null && !line.isBlank()) {
                for (String entry : line.split(",", -1)) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }
}
