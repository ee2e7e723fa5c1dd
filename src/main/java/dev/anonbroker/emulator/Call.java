package dev.anonbroker.emulator;

import com.sun.net.httpserver.Headers;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One incoming request, read completely: method, path, decoded query, headers and body bytes. */
final class Call {

    final String method;
    final String path;
    final Map<String, List<String>> query;
    final Headers headers;
    final byte[] body;
    private volatile Map<String, List<String>> form;

    Call(String method, String path, String rawQuery, Headers headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    /** {@code "METHOD /path"}, the key fault rules match on. */
    String routeKey() {
        return method + " " + path;
    }

    /** The first value of a header, or null. */
    String header(String name) {
        return headers.getFirst(name);
    }

    /** The first value of a query parameter, or "" (Go's {@code Query().Get}). */
    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    boolean isFormBody() {
        String type = header("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** Go's {@code FormValue}: the form body first (when form-encoded), then the query string. */
    String formValue(String name) {
        List<String> values = form().get(name);
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        return queryParam(name);
    }

    /** The form-encoded body's fields (empty for other bodies), parsed on first use. */
    private Map<String, List<String>> form() {
        Map<String, List<String>> parsed = form;
        if (parsed == null) {
            parsed = isFormBody() ? parseQuery(new String(body, StandardCharsets.UTF_8)) : Map.of();
            form = parsed;
        }
        return parsed;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
