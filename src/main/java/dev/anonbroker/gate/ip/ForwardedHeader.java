package dev.anonbroker.gate.ip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Forwarded} (RFC 7239): a comma-separated list of elements, one per proxy, each a {@code ;}-separated list
 * of {@code name=value} pairs whose value is a token or a quoted string. The visitor is the {@code for=} of the
 * element {@code hops} from the right. A {@code for=} that is {@code unknown}, an obfuscated {@code _identifier}
 * (section 6.3), absent, repeated or unparseable names no IP, and then the TCP peer counts instead.
 */
final class ForwardedHeader {

    private ForwardedHeader() {
    }

    /** The visitor's address, or empty when the chosen element names none. */
    static Optional<InetAddress> visitor(List<String> lines, int hops) {
        List<String> fors = forValues(lines);
        if (fors.isEmpty()) {
            return Optional.empty();
        }
        String node = fors.get(Math.max(0, fors.size() - hops));
        return node == null ? Optional.empty() : IpLiteral.parseNode(node);
    }

    /** Per element, left to right: its unquoted {@code for=} value, or null when it has none or is malformed. */
    static List<String> forValues(List<String> lines) {
        List<String> fors = new ArrayList<>();
        for (String line : lines) {
            if (line != null && !line.isBlank()) {
                for (List<String> element : split(line)) {
                    fors.add(forValue(element));
                }
            }
        }
        return fors;
    }

    /**
     * The elements of one line, each as its raw pairs. Commas and semicolons inside quoted strings separate nothing;
     * an unterminated quoted string runs to the end of the line and makes its pair malformed.
     */
    private static List<List<String>> split(String line) {
        List<List<String>> elements = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        StringBuilder pair = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()) {
                pair.append(c).append(line.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ';' || c == ',')) {
                pairs.add(pair.toString());
                pair.setLength(0);
                if (c == ',') {
                    elements.add(pairs);
                    pairs = new ArrayList<>();
                }
                continue;
            }
            pair.append(c);
        }
        pairs.add(pair.toString());
        elements.add(pairs);
        return elements;
    }

    private static String forValue(List<String> pairs) {
        String value = null;
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals > 0 && "for".equals(pair.substring(0, equals).strip().toLowerCase(Locale.ROOT))) {
                if (value != null) {
                    return null;
                }
                value = unquote(pair.substring(equals + 1).strip());
                if (value == null) {
                    return null;
                }
            }
        }
        return value;
    }

    /** A token as it is; a quoted string without its quotes and escapes; null when a quote is unbalanced. */
    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value.indexOf('"') >= 0 ? null : value;
        }
        if (value.length() < 2 || !value.endsWith("\"")) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (++i == value.length() - 1) {
                    return null;
                }
                c = value.charAt(i);
            } else if (c == '"') {
                return null;
            }
            text.append(c);
        }
        return text.toString();
    }
}
