package dev.anonbroker.gotrue;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses, at start-up, a GoTrue URL that would carry the admin credential in clear text: {@code http://} is
 * accepted only for a loopback host (127.0.0.0/8, ::1, {@code localhost}) or with
 * {@code broker.gotrue.allow-insecure-http=true}. Host names other than {@code localhost} are never resolved: what a
 * name resolves to can change after the check.
 *
 * <p>A {@link Context} bean reading the environment, not {@link GoTrueConfiguration}: it must run at start-up
 * without binding the configuration before the embedded emulator has published its (loopback) URL.
 */
@Context
final class GoTrueUrlPolicy {

    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    GoTrueUrlPolicy(Environment environment) {
        String url = environment.getProperty(GoTrueConfiguration.URL, String.class).orElse("");
        boolean allowInsecure = environment.getProperty(GoTrueConfiguration.ALLOW_INSECURE_HTTP, Boolean.class)
                .orElse(false);
        if (!url.isBlank()) {
            check(url.strip(), allowInsecure);
        }
    }

    /** Throws {@link IllegalStateException} naming both settings when {@code url} is insecure and not allowed. */
    static void check(String url, boolean allowInsecure) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return; // GoTrueHttpClientFactory reports a malformed URL with its own message
        }
        if (allowInsecure || !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                || isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalStateException(GoTrueConfiguration.URL + " uses http:// for the non-loopback host "
                + uri.getHost() + ": the admin credential would travel in clear text. Use https://, or set "
                + GoTrueConfiguration.ALLOW_INSECURE_HTTP + "=true if the network path is trusted");
    }

    static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || LOOPBACK_V4.matcher(name).matches()) {
            return true;
        }
        return name.equals("::1") || name.matches("(0{1,4}:){7}0{0,3}1") || name.equals("0:0:0:0:0:0:0:1");
    }
}
