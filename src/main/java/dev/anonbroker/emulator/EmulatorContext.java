package dev.anonbroker.emulator;

import java.time.Clock;

/** Everything the endpoints share: options, clock, stores, codecs and limiters of one emulator instance. */
record EmulatorContext(EmulatorOptions options, Clock clock, UserStore users, SessionStore sessions, JwtCodec jwt,
                       PasswordHasher passwords, ErrorRenderer errors, RateLimits limits, UserJson userJson) {

    static EmulatorContext create(EmulatorOptions options, Clock clock) {
        boolean netlify = options.flavor() == EmulatorFlavor.NETLIFY;
        SessionStore sessions = new SessionStore(() -> netlify ? Ids.base64Token() : Ids.base32Token(12));
        return new EmulatorContext(options, clock, new UserStore(), sessions,
                new JwtCodec(options.jwtSecret(), clock), new PasswordHasher(options.bcryptCost()),
                new ErrorRenderer(options.flavor()), new RateLimits(options, clock), new UserJson(options.flavor()));
    }

    java.time.Instant now() {
        return clock.instant();
    }

    /** The role new users get (GOTRUE_JWT_DEFAULT_GROUP_NAME): empty for netlify, {@code authenticated} as hosted Supabase. */
    String defaultRole() {
        return options.flavor() == EmulatorFlavor.NETLIFY ? "" : "authenticated";
    }

    String defaultAudience() {
        return options.defaultAudience() == null ? "" : options.defaultAudience();
    }

    /** {@code X-JWT-AUD}, else GOTRUE_JWT_AUD: the audience of a request without a token. */
    String requestAudience(Call call) {
        String header = audienceHeader(call);
        return header != null ? header : defaultAudience();
    }

    /** The {@code X-JWT-AUD} header, or null when it is absent or empty. */
    static String audienceHeader(Call call) {
        String header = call.header("X-JWT-AUD");
        return header != null && !header.isEmpty() ? header : null;
    }
}
