package dev.anonbroker.emulator;

import java.time.Duration;

/**
 * How an emulator instance behaves; each field mirrors a GOTRUE_* variable (src/main/docs/guide/gotrue-compatibility.md
 * section 1). Immutable; the {@code with*} methods return changed copies.
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
        return toBuilder().port(value).build();
    }

    public EmulatorOptions withOperatorToken(String value) {
        return toBuilder().operatorToken(value).build();
    }

    public EmulatorOptions withAutoconfirm(boolean value) {
        return toBuilder().autoconfirm(value).build();
    }

    public EmulatorOptions withDisableSignup(boolean value) {
        return toBuilder().disableSignup(value).build();
    }

    public EmulatorOptions withAnonymousUsers(boolean value) {
        return toBuilder().anonymousUsers(value).build();
    }

    public EmulatorOptions withRateLimitHeader(String value) {
        return toBuilder().rateLimitHeader(value).build();
    }

    public EmulatorOptions withJwtExp(Duration value) {
        return toBuilder().jwtExp(value).build();
    }

    public EmulatorOptions withDefaultAudience(String value) {
        return toBuilder().defaultAudience(value).build();
    }

    public EmulatorOptions withAnonymousRateLimit(int value) {
        return toBuilder().anonymousRateLimit(value).build();
    }

    public EmulatorOptions withBcryptCost(int value) {
        return toBuilder().bcryptCost(value).build();
    }

    @Override
    public String toString() {
        return "EmulatorOptions[port=" + port + ", flavor=" + flavor + ", autoconfirm=" + autoconfirm
                + ", disableSignup=" + disableSignup + ", anonymousUsers=" + anonymousUsers
                + ", rateLimitHeader=" + rateLimitHeader + ", jwtExp=" + jwtExp + "]";
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy in the making; each setter names the field it sets. */
    private static final class Builder {

        private int port;

        private EmulatorFlavor flavor;

        private String jwtSecret;

        private String operatorToken;

        private boolean autoconfirm;

        private boolean disableSignup;

        private boolean anonymousUsers;

        private String rateLimitHeader;

        private Duration jwtExp;

        private String defaultAudience;

        private int anonymousRateLimit;

        private int bcryptCost;


        private Builder(EmulatorOptions options) {

            port = options.port;

            flavor = options.flavor;

            jwtSecret = options.jwtSecret;

            operatorToken = options.operatorToken;

            autoconfirm = options.autoconfirm;

            disableSignup = options.disableSignup;

            anonymousUsers = options.anonymousUsers;

            rateLimitHeader = options.rateLimitHeader;

            jwtExp = options.jwtExp;

            defaultAudience = options.defaultAudience;

            anonymousRateLimit = options.anonymousRateLimit;

            bcryptCost = options.bcryptCost;

        }


        Builder port(int value) {
            port = value;
            return this;
        }


        Builder operatorToken(String value) {
            operatorToken = value;
            return this;
        }


        Builder autoconfirm(boolean value) {
            autoconfirm = value;
            return this;
        }


        Builder disableSignup(boolean value) {
            disableSignup = value;
            return this;
        }


        Builder anonymousUsers(boolean value) {
            anonymousUsers = value;
            return this;
        }


        Builder rateLimitHeader(String value) {
            rateLimitHeader = value;
            return this;
        }


        Builder jwtExp(Duration value) {
            jwtExp = value;
            return this;
        }


        Builder defaultAudience(String value) {
            defaultAudience = value;
            return this;
        }


        Builder anonymousRateLimit(int value) {
            anonymousRateLimit = value;
            return this;
        }


        Builder bcryptCost(int value) {
            bcryptCost = value;
            return this;
        }


        EmulatorOptions build() {
            return new EmulatorOptions(port, flavor, jwtSecret, operatorToken, autoconfirm, disableSignup,
                    anonymousUsers, rateLimitHeader, jwtExp, defaultAudience, anonymousRateLimit, bcryptCost);
        }
    }
}
