package dev.anonbroker.gate.netlify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code broker.netlify.*}: Netlify's signed proxy redirects.
 *
 * @param signedProxySecret the value of the env var the site's {@code netlify.toml} names in {@code signed = "..."};
 *                          when set, the mint endpoints require a valid {@code x-nf-sign}
 * @param siteUrl           when set, {@code site_url} of the signature must equal it
 * @param siteId            when set, {@code netlify_id} of the signature must equal it
 */
@ConfigurationProperties(NetlifyConfiguration.PREFIX)
public record NetlifyConfiguration(@Nullable String signedProxySecret, @Nullable String siteUrl,
                                   @Nullable String siteId) {

    public static final String PREFIX = "broker.netlify";

    public boolean signedProxyEnabled() {
        return signedProxySecret != null && !signedProxySecret.isBlank();
    }
}
