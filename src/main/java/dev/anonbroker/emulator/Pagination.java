package dev.anonbroker.emulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code page}/{@code per_page} parsing and the {@code Link} header (src/main/docs/guide/gotrue-compatibility.md
 * section 2.9), as upstream {@code pagination.go} builds it: from the request URI, query keys sorted and escaped like
 * Go's {@code url.Values}.
 */
final class Pagination {

    static final long DEFAULT_PER_PAGE = 50;
    private static final BigInteger MAX_UINT64 = new BigInteger("18446744073709551615");

    record Page(long page, long perPage) {
    }

    private Pagination() {
    }

    /** Parses the parameters; the exception message is Go's {@code strconv} error. */
    static Page parse(Call call) {
        return new Page(parseUint(call, "page", 1), parseUint(call, "per_page", DEFAULT_PER_PAGE));
    }

    private static long parseUint(Call call, String name, long fallback) {
        String text = call.queryParam(name);
        if (text.isEmpty()) {
            return fallback;
        }
        String quoted = "strconv.ParseUint: parsing \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\": ";
        if (!text.matches("[0-9]+")) {
            throw new IllegalArgumentException(quoted + "invalid syntax");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(MAX_UINT64) > 0 || value.bitLength() > 63) {
            throw new IllegalArgumentException(quoted + "value out of range");
        }
        return value.longValue();
    }

    static long totalPages(long count, long perPage) {
        return count / perPage + (count % perPage == 0 ? 0 : 1);
    }

    /** The {@code Link} value; {@code withPrev} for netlify, which adds {@code rel="prev"}. */
    static String link(Call call, Page page, long count, boolean withPrev) {
        long totalPages = totalPages(count, page.perPage());
        Map<String, List<String>> query = new TreeMap<>(call.query);
        StringBuilder header = new StringBuilder();
        if (totalPages > page.page()) {
            header.append(entry(call.path, query, page.page() + 1, "next")).append(", ");
        }
        if (withPrev && page.page() > 1) {
            header.append(entry(call.path, query, page.page() - 1, "prev")).append(", ");
        }
        return header.append(entry(call.path, query, totalPages, "last")).toString();
    }

    private static String entry(String path, Map<String, List<String>> query, long page, String rel) {
        query.put("page", List.of(Long.toUnsignedString(page)));
        return "<" + path + "?" + encode(query) + ">; rel=\"" + rel + "\"";
    }

    /** Go's {@code url.Values.Encode}: keys sorted, every value, {@code QueryEscape}d. */
    static String encode(Map<String, List<String>> sortedQuery) {
        List<String> pairs = new ArrayList<>();
        sortedQuery.forEach((key, values) -> values.forEach(v -> pairs.add(queryEscape(key) + "=" + queryEscape(v))));
        return String.join("&", pairs);
    }

    static String queryEscape(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
