package dev.anonbroker.cookie;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One {@code Set-Cookie} header as a browser reads it (RFC 6265 section 5.2): the name, the value, and the attributes
 * by lower-case name ({@code ""} for flags such as {@code Secure}).
 */
public record SetCookie(String name, String value, Map<String, String> attributes) {

    public static SetCookie parse(String header) {
        String[] parts = header.split(";");
        int equals = parts[0].indexOf('=');
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int at = part.indexOf('=');
            String key = (at < 0 ? part : part.substring(0, at)).trim().toLowerCase(Locale.ROOT);
            attributes.put(key, at < 0 ? "" : part.substring(at + 1).trim());
        }
        return new SetCookie(parts[0].substring(0, equals).trim(), parts[0].substring(equals + 1).trim(), attributes);
    }

    /** Every {@code Set-Cookie} of the response. */
    public static List<SetCookie> all(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SetCookie::parse).toList();
    }

    /** The one {@code Set-Cookie} of the response named {@code name}; fails when there is none or more than one. */
    public static SetCookie named(HttpResponse<?> response, String name) {
        List<SetCookie> found = all(response).stream().filter(cookie -> cookie.name().equals(name)).toList();
        assertEquals(1, found.size(), () -> "Set-Cookie " + name + " in " + response.headers().allValues("Set-Cookie"));
        return found.get(0);
    }

    public Optional<String> attribute(String lowerCaseName) {
        return Optional.ofNullable(attributes.get(lowerCaseName));
    }

    /** The {@code Cookie} request header a browser would send back for this cookie. */
    public String asRequestCookie() {
        return name + "=" + value;
    }

    /** Never prints the value: it is a token. */
    @Override
    public String toString() {
        return "SetCookie[" + name + ", " + attributes + "]";
    }
}
