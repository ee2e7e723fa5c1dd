package dev.anonbroker.cookie;

import dev.anonbroker.dpop.DpopConfiguration;
import dev.anonbroker.gate.GateConfiguration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Stops the start-up when cookie mode is on in a setting where it protects nothing. Cookies ride along on every
 * request the browser makes to the site, so the broker tells its own pages from other sites' only by {@code Origin},
 * checked against {@code broker.allowed-origins}: an empty list (any origin) would let any site refresh or end a
 * visitor's session (CSRF). DPoP binds a token to a key that page scripts hold, which is what cookie mode keeps
 * tokens away from; the two are not combined.
 */
@Context
final class CookieModeCheck {

    /** Taking the configuration at start-up also checks the cookie names and path then, whether or not the mode is on. */
    CookieModeCheck(SessionCookieConfiguration cookies, GateConfiguration gates, DpopConfiguration dpop) {
        if (!cookies.enabled()) {
            return;
        }
        if (gates.allowedOrigins().isEmpty()) {
            throw new ConfigurationException(SessionCookieConfiguration.PREFIX + ".enabled needs broker.allowed-origins: "
                    + "cookie-borne requests are told from cross-site ones (CSRF) only by their Origin. Set "
                    + "broker.allowed-origins (env BROKER_ALLOWED_ORIGINS) to the site's origins.");
        }
        if (dpop.enabled()) {
            throw new ConfigurationException(SessionCookieConfiguration.PREFIX + ".enabled and "
                    + DpopConfiguration.PREFIX + ".enabled exclude each other: cookie mode keeps tokens out of page "
                    + "scripts, DPoP binds them to a key that page scripts hold. Choose one.");
        }
    }
}
