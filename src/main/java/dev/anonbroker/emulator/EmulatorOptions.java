package dev.anonbroker.emulator;

import java.time.Duration;

/**
 * How an emulator instance behaves; each field mirrors a GOTRUE_* variable (gotrue-contract.md section 1).
 * Immutable; the {@code with*} methods return changed copies.
 *
 * @param port               TCP port on 127.0.0.1; 0 picks a free one
 * @param flavor             netlify or supabase
 * @param jwtSecret          GOTRUE_JWT_SECRET (HS256, any length)
 * @param operatorToken      GOTRUE_OPERATOR_TOKEN (netlify admin bearer); null for none
 * @param autoconfirm        GOTRUE_MAILER_AUTOCONFIRM
 * @param disableSignup      GOTRUE_DISABLE_SIGNUP
 * @param anonymousUsers     GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED (supabase)
 * @param rateLimitHeader    GOTRUE_RATE_LIMIT_HEADER; null for none
 * @param jwtExp             GOTRUE_JWT_EXP
 * @param defaultAudience    GOTRUE_JWT_AUD (netlify default empty, supabase {@code authenticated})
 * @param anonymousRateLimit GOTRUE_RATE_LIMIT_ANONYMOUS_USERS per hour (supabase)
 * @param bcryptCost         bcrypt cost of stored password hashes (GoTrue uses 10; tests use 4)
 */
public record EmulatorOptions(
        int port,
        EmulatorFlavor flavor,
        String jwtSecret,
        String operatorToken,
        boolean autoconfirm,
        boolean disableSignup,
        boolean anonymousUsers,
        String rateLimitHeader,
        Duration jwtExp,
        String defaultAudience,
        int anonymousRateLimit,
        int bcryptCost) {

    /** Defaults of the given flavor: autoconfirm on, signup open, no rate-limit header, 1 h tokens, cost 10. */
    public static EmulatorOptions defaults(EmulatorFlavor flavor, String jwtSecret) {
        return new EmulatorOptions(0, flavor, jwtSecret, null, true, false, flavor == EmulatorFlavor.SUPABASE,
                null, Duration.ofHours(1), flavor == EmulatorFlavor.SUPABASE ? "authenticated" : "", 30, 10);
    }

    public EmulatorOptions withPort(int value) {
        return new EmulatorOptions(value, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, anonymousUsers,
                rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withOperatorToken(String value) {
        return new EmulatorOptions(port, flavor, jwtSecret, value, autoconfirm, disableSignup, anonymousUsers,
                rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withAutoconfirm(boolean value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, value, disableSignup, anonymousUsers,
                rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withDisableSignup(boolean value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, value, anonymousUsers,
                rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withAnonymousUsers(boolean value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, value,
                rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withRateLimitHeader(String value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, anonymousUsers,
                value, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withJwtExp(Duration value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, anonymousUsers,
                rateLimitHeader, value, defaultAudience, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withDefaultAudience(String value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, anonymousUsers,
                rateLimitHeader, jwtExp, value, anonymousRateLimit, bcryptCost);
    }

    public EmulatorOptions withAnonymousRateLimit(int value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, anonymousUsers,
                rateLimitHeader, jwtExp, defaultAudience, value, bcryptCost);
    }

    public EmulatorOptions withBcryptCost(int value) {
        return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup, anonymousUsers,
                rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, value);
    }

    @Override
    public String toString() {
        return "EmulatorOptions[port=" + port + ", flavor=" + flavor + ", autoconfirm=" + autoconfirm
                + ", disableSignup=" + disableSignup + ", anonymousUsers=" + anonymousUsers
                + ", rateLimitHeader=" + rateLimitHeader + ", jwtExp=" + jwtExp + "]";
    }
}
