package dev.anonbroker.emulator;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * The built-in limiters of each flavor and their keys (src/main/docs/guide/gotrue-compatibility.md section 2.14).
 * Netlify limits only {@code POST /token}, keyed by the whole value of the configured header ("" when missing).
 * Supabase keys on the leftmost {@code Sb-Forwarded-For} IP, else the first comma-separated value of the configured
 * header, else none.
 */
final class RateLimits {

    private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");

    private final EmulatorOptions options;
    final RateLimiter netlifyToken;
    final RateLimiter token;
    final RateLimiter signups;
    final RateLimiter anonymous;

    RateLimits(EmulatorOptions options, Clock clock) {
        this.options = options;
        this.netlifyToken = RateLimiter.perPeriod(30, 300, 30, clock);
        this.token = RateLimiter.perPeriod(150, 300, 30, clock);
        this.signups = RateLimiter.perPeriod(30, 300, 30, clock);
        int anonymousPerHour = Math.max(1, options.anonymousRateLimit());
        this.anonymous = RateLimiter.perPeriod(anonymousPerHour, 3600, anonymousPerHour, clock);
    }

    /** Netlify: true when the request may pass the {@code /token} limiter. */
    boolean allowNetlify(Call call) {
        String header = options.rateLimitHeader();
        if (header == null || header.isEmpty()) {
            return true;
        }
        String value = call.header(header);
        return netlifyToken.tryAcquire(value == null ? "" : value);
    }

    /** Supabase: true when {@code limiter} lets the request pass (always, when it has no key). */
    boolean allowSupabase(Call call, RateLimiter limiter) {
        String key = supabaseKey(call);
        return key == null || limiter.tryAcquire(key);
    }

    String supabaseKey(Call call) {
        String forwarded = call.header("Sb-Forwarded-For");
        if (forwarded != null) {
            String leftmost = forwarded.split(",", -1)[0].strip();
            if (isIp(leftmost)) {
                return leftmost;
            }
        }
        String header = options.rateLimitHeader();
        String value = header == null || header.isEmpty() ? null : call.header(header);
        if (value == null) {
            return null;
        }
        String first = value.split(",", -1)[0].strip();
        return first.isEmpty() ? null : first;
    }

    static boolean isIp(String text) {
        var v4 = IPV4.matcher(text);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return text.contains(":") && IPV6.matcher(text).matches() && parsesAsLiteral(text);
    }

    /** Only called with characters of an IPv6 literal, so no name lookup can happen. */
    private static boolean parsesAsLiteral(String text) {
        try {
            return java.net.InetAddress.getByName(text) != null;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
