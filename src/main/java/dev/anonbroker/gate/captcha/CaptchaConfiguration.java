package dev.anonbroker.gate.captcha;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.netty.util.NetUtil;
import jakarta.validation.constraints.Min;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code broker.captcha.*}: a captcha in front of minting. Checked when the broker starts: a provider without a
 * secret, a verify URL that would send the secret in clear text, or an expected action that the provider never reports
 * refuse to start, naming the property.
 *
 * @param provider          {@code turnstile} or {@code hcaptcha}; unset: no captcha
 * @param secret            the provider's secret key
 * @param siteKey           the public site key, published for the browser client
 * @param verifyUrl         the siteverify URL; defaults to the provider's
 * @param expectedHostnames when set, the {@code hostname} the provider reports must be one of these
 * @param expectedAction    when set, the {@code action} the provider reports must equal it
 * @param timeout           how long the provider has to answer; then the request is refused
 * @param maxRemembered     accepted tokens remembered at once; when full, new ones are refused
 */
@ConfigurationProperties(CaptchaConfiguration.PREFIX)
public record CaptchaConfiguration(@Nullable CaptchaProvider provider,
                                   @Nullable String secret,
                                   @Nullable String siteKey,
                                   @Nullable String verifyUrl,
                                   @Nullable List<String> expectedHostnames,
                                   @Nullable String expectedAction,
                                   @Bindable(defaultValue = "5s") Duration timeout,
                                   @Bindable(defaultValue = "200000") @Min(1) long maxRemembered) {

    public static final String PREFIX = "broker.captcha";

    public CaptchaConfiguration {
        expectedHostnames = expectedHostnames == null ? List.of()
                : expectedHostnames.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        expectedAction = blankToNull(expectedAction);
        verifyUrl = blankToNull(verifyUrl);
        if (provider != null) {
            requireUsable(provider, secret, expectedAction, timeout);
            verifyUri(provider, verifyUrl);
        }
    }

    public boolean enabled() {
        return provider != null;
    }

    /** The siteverify endpoint: the configured one, else the provider's. Only valid when {@link #enabled()}. */
    URI verifyUri() {
        return verifyUri(provider, verifyUrl);
    }

    private static void requireUsable(CaptchaProvider provider, String secret, String expectedAction, Duration timeout) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(PREFIX + ".secret is required with " + PREFIX + ".provider="
                    + provider.name().toLowerCase(Locale.ROOT) + ": set it (env BROKER_CAPTCHA_SECRET) to the "
                    + "provider's secret key");
        }
        if (expectedAction != null && !provider.reportsAction()) {
            throw new IllegalStateException(PREFIX + ".expected-action cannot be checked with "
                    + PREFIX + ".provider=hcaptcha, whose siteverify reports no action: remove it");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException(PREFIX + ".timeout must be a positive duration, e.g. 5s");
        }
    }

    /**
     * The secret travels in the request body, so the URL must be {@code https}; plain {@code http} only to a loopback
     * address (a local stand-in or a sidecar), named by IP literal or {@code localhost}, never resolved through DNS.
     */
    private static URI verifyUri(CaptchaProvider provider, String verifyUrl) {
        String url = verifyUrl == null ? provider.siteverifyUrl() : verifyUrl;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(PREFIX + ".verify-url is not a valid URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalStateException(PREFIX + ".verify-url must be an absolute https URL, got " + url);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalStateException(PREFIX + ".verify-url must use https (it carries "
                    + PREFIX + ".secret); plain http is allowed only to a loopback address, got host " + uri.getHost());
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(bare);
        if (literal == null) {
            return false;
        }
        try {
            return InetAddress.getByAddress(literal).isLoopbackAddress();
        } catch (UnknownHostException impossible) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
