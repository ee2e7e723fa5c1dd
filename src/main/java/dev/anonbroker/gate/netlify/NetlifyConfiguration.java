package dev.anonbroker.gate.netlify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * {@code broker.netlify.*}: Netlify's signed proxy redirects.
 *
 * @param signedProxySecret the value of the env var the site's {@code netlify.toml} names in {@code signed = "..."};
 *                          when set, the mint endpoints require a valid {@code x-nf-sign}. At least 32 bytes: HS256
 *                          wants a 256-bit key (RFC 7518 section 3.2), and Nimbus refuses shorter ones
 * @param siteUrl           when set, {@code site_url} of the signature must equal it
 * @param siteId            when set, {@code netlify_id} of the signature must equal it
 */
@ConfigurationProperties(NetlifyConfiguration.PREFIX)
public record NetlifyConfiguration(@Nullable String signedProxySecret, @Nullable String siteUrl,
                                   @Nullable String siteId) {

    public static final String PREFIX = "broker.netlify";
    static final String SECRET = PREFIX + ".signed-proxy-secret";
    static final int MIN_SECRET_BYTES = 32;

    public NetlifyConfiguration {
        signedProxySecret = blankToNull(signedProxySecret);
        siteUrl = blankToNull(siteUrl);
        siteId = blankToNull(siteId);
        if (signedProxySecret != null && signedProxySecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new ConfigurationException(SECRET + " must be at least " + MIN_SECRET_BYTES + " characters "
                    + "(256 bits for HS256), e.g. the output of `openssl rand -hex 32`; set the same value in the "
                    + "Netlify environment variable your netlify.toml names in signed = \"...\"");
        }
    }

    public boolean signedProxyEnabled() {
        return signedProxySecret != null;
    }

    @Override
    public String toString() {
        return "NetlifyConfiguration[signedProxySecret=" + (signedProxyEnabled() ? "***" : "none") + ", siteUrl="
                + siteUrl + ", siteId=" + siteId + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
