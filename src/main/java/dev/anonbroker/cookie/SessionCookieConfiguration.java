package dev.anonbroker.cookie;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.regex.Pattern;

/**
 * {@code broker.cookie.*}: cookie mode, in which the session endpoints hand the broker token and the refresh token to
 * the browser as {@code HttpOnly} cookies instead of in the body.
 *
 * @param enabled     cookie mode on; needs {@code broker.allowed-origins} and excludes {@code broker.dpop.enabled}
 * @param accessName  the access cookie's name ({@code Path=/}); a {@code __Host-} name makes the browser refuse it
 *                    unless it is {@code Secure}, host-only and {@code Path=/}, which it always is
 * @param refreshName the refresh cookie's name; it may not be a {@code __Host-} name, whose path must be {@code /}
 * @param refreshPath the refresh cookie's {@code Path}: the browser-visible path of the broker's session endpoints,
 *                    {@code /anon-session} directly, {@code /api/anon-session} behind a site's proxy rule
 */
@ConfigurationProperties(SessionCookieConfiguration.PREFIX)
public record SessionCookieConfiguration(@Bindable(defaultValue = "false") boolean enabled,
                                  @Bindable(defaultValue = "__Host-anon-broker") String accessName,
                                  @Bindable(defaultValue = "__Secure-anon-broker-refresh") String refreshName,
                                  @Bindable(defaultValue = "/anon-session") String refreshPath) {

    public static final String PREFIX = "broker.cookie";
    static final String HOST_PREFIX = "__Host-";
    /** RFC 6265 section 4.1.1: a cookie name is a token; RFC 9110 section 5.6.2. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,=:@/-]*");

    public SessionCookieConfiguration {
        requireName(accessName, "access-name");
        requireName(refreshName, "refresh-name");
        if (accessName.equalsIgnoreCase(refreshName)) {
            throw new ConfigurationException(PREFIX + ".access-name and " + PREFIX + ".refresh-name must differ");
        }
        if (refreshPath == null || !PATH.matcher(refreshPath).matches()) {
            throw new ConfigurationException(PREFIX + ".refresh-path must be a path starting with /, such as "
                    + "/anon-session or /api/anon-session, not '" + refreshPath + "'");
        }
        if (refreshName.startsWith(HOST_PREFIX) && !"/".equals(refreshPath)) {
            throw new ConfigurationException(PREFIX + ".refresh-name '" + refreshName + "' is a " + HOST_PREFIX
                    + " name, which browsers accept only with Path=/; use a __Secure- name for "
                    + PREFIX + ".refresh-path " + refreshPath);
        }
    }

    private static void requireName(String name, String property) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new ConfigurationException(PREFIX + "." + property + " must be a cookie name (letters, digits "
                    + "and !#$%&'*+.^_`|~-), not '" + name + "'");
        }
    }
}
