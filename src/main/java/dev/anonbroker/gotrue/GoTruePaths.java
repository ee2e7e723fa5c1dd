package dev.anonbroker.gotrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Request paths relative to GoTrue's root. They start with {@code /} and carry no prefix: the HTTP client keeps
 * the base URL's path (e.g. {@code /.netlify/identity}) in front of them. Query values and path segments are
 * percent-encoded, spaces as {@code %20} (so {@code sort=created_at%20asc}).
 */
final class GoTruePaths {

    static final String HEALTH = "/health";
    static final String SETTINGS = "/settings";
    static final String SIGNUP = "/signup";
    static final String TOKEN = "/token";
    static final String USER = "/user";
    static final String ADMIN_USERS = "/admin/users";

    private GoTruePaths() {
    }

    static String adminUser(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        return ADMIN_USERS + "/" + encode(userId);
    }

    /** {@code path?k=v&..} in the map's iteration order; null values are left out. */
    static String withQuery(String path, Map<String, ?> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((key, value) -> {
            if (value != null) {
                joined.add(encode(key) + "=" + encode(String.valueOf(value)));
            }
        });
        return joined.length() == 0 ? path : path + "?" + joined;
    }

    /** {@code application/x-www-form-urlencoded} body from the map, in its iteration order. */
    static String form(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((key, value) -> joined.add(URLEncoder.encode(key, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
