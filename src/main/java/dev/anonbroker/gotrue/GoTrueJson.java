package dev.anonbroker.gotrue;

import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GoTrue's JSON answers of both flavors into the port's records (src/main/docs/guide/gotrue-compatibility.md
 * sections 2.3, 2.6, 2.11). Flavor differences in field names are absorbed here: netlify {@code confirmed_at}, supabase
 * {@code email_confirmed_at} and {@code is_anonymous}.
 */
final class GoTrueJson {

    /** RFC 3339 with optional fractions, and a zone written as {@code Z}, {@code +hh:mm}, {@code +hhmm} or {@code +hh}. */
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private GoTrueJson() {
    }

    /** A user object of either flavor. */
    static GoTrueUser user(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a user object");
        }
        String confirmedAt = text(node, "email_confirmed_at");
        if (confirmedAt == null) {
            confirmedAt = text(node, "confirmed_at");
        }
        return new GoTrueUser(
                text(node, "id"),
                text(node, "aud"),
                text(node, "email"),
                bool(node, "is_anonymous"),
                confirmedAt != null && !confirmedAt.isEmpty(),
                instant(text(node, "created_at")),
                object(node.get("user_metadata")));
    }

    /** A token response; {@code user} is read when the flavor sends it (supabase). */
    static GoTrueTokens tokens(JsonNode node) {
        JsonNode user = node.get("user");
        return new GoTrueTokens(
                text(node, "access_token"),
                number(node, "expires_in"),
                text(node, "refresh_token"),
                user != null && user.isObject() ? user(user) : null);
    }

    static boolean isTokenResponse(JsonNode node) {
        return node != null && node.isObject() && node.get("access_token") != null;
    }

    /** {@code GET /settings}: netlify {@code autoconfirm}; supabase {@code mailer_autoconfirm}, {@code external.anonymous_users}. */
    static GoTrueSettings settings(JsonNode node, GoTrueFlavor flavor) {
        JsonNode external = node.get("external");
        boolean emailEnabled = external == null || !external.isObject() || external.get("email") == null
                || bool(external, "email");
        if (flavor == GoTrueFlavor.SUPABASE) {
            boolean anonymous = external != null && external.isObject() && bool(external, "anonymous_users");
            return new GoTrueSettings(bool(node, "disable_signup"), bool(node, "mailer_autoconfirm"), anonymous, emailEnabled);
        }
        return new GoTrueSettings(bool(node, "disable_signup"), bool(node, "autoconfirm"), false, emailEnabled);
    }

    /** The users of a {@code GET /admin/users} answer. */
    static List<GoTrueUser> users(JsonNode node) {
        JsonNode users = node.get("users");
        List<GoTrueUser> result = new ArrayList<>();
        if (users != null && users.isArray()) {
            for (JsonNode user : users.values()) {
                result.add(user(user));
            }
        }
        return result;
    }

    /**
     * GoTrue's machine error code from an error body: supabase {@code error_code} (or {@code code} in the
     * 2024-01-01 API version), netlify OAuth {@code error}; null when there is none.
     */
    static String errorCode(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        String code = text(body, "error_code");
        if (code == null && body.get("code") != null && body.get("code").isString()) {
            code = text(body, "code");
        }
        if (code == null) {
            code = text(body, "error");
        }
        return code == null || code.isEmpty() ? null : code;
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            TemporalAccessor parsed = RFC_3339.parse(text.replace(' ', 'T'));
            LocalDateTime local = LocalDateTime.from(parsed);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                    : ZoneOffset.UTC;
            return local.toInstant(offset);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an RFC 3339 time: " + text, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() && value.getBooleanValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.getLongValue() : 0;
    }

    /** A JSON object as a map; null or non-objects give an empty map, and top-level null values are left out. */
    private static Map<String, Object> object(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                Object value = plain(entry.getValue());
                if (value != null) {
                    map.put(entry.getKey(), value);
                }
            }
        }
        return map;
    }

    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return object(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(value -> list.add(plain(value)));
            return list;
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        if (node.isNumber()) {
            return node.getNumberValue();
        }
        return node.getStringValue();
    }
}
