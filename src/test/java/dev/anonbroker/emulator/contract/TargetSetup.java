package dev.anonbroker.emulator.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * The server configuration a check needs. A null field means "any value will do". Each field mirrors a GOTRUE_*
 * variable (src/main/docs/guide/gotrue-compatibility.md section 1).
 *
 * @param autoconfirm        GOTRUE_MAILER_AUTOCONFIRM
 * @param disableSignup      GOTRUE_DISABLE_SIGNUP
 * @param anonymousUsers     GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED (supabase)
 * @param rateLimitHeader    GOTRUE_RATE_LIMIT_HEADER; {@code ""} means "must be unset"
 * @param anonymousRateLimit GOTRUE_RATE_LIMIT_ANONYMOUS_USERS (supabase)
 */
record TargetSetup(Boolean autoconfirm, Boolean disableSignup, Boolean anonymousUsers, String rateLimitHeader,
                   Integer anonymousRateLimit) {

    static final String NO_HEADER = "";

    /** No requirement at all: the suite's shared target will do. */
    static TargetSetup any() {
        return new TargetSetup(null, null, null, null, null);
    }

    TargetSetup autoconfirm(boolean value) {
        return new TargetSetup(value, disableSignup, anonymousUsers, rateLimitHeader, anonymousRateLimit);
    }

    TargetSetup disableSignup(boolean value) {
        return new TargetSetup(autoconfirm, value, anonymousUsers, rateLimitHeader, anonymousRateLimit);
    }

    TargetSetup anonymousUsers(boolean value) {
        return new TargetSetup(autoconfirm, disableSignup, value, rateLimitHeader, anonymousRateLimit);
    }

    TargetSetup rateLimitHeader(String name) {
        return new TargetSetup(autoconfirm, disableSignup, anonymousUsers, name, anonymousRateLimit);
    }

    TargetSetup anonymousRateLimit(int perHour) {
        return new TargetSetup(autoconfirm, disableSignup, anonymousUsers, rateLimitHeader, perHour);
    }

    /** Human-readable requirements, for skip messages: e.g. {@code [GOTRUE_MAILER_AUTOCONFIRM=false]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (autoconfirm != null) {
            parts.add("GOTRUE_MAILER_AUTOCONFIRM=" + autoconfirm);
        }
        if (disableSignup != null) {
            parts.add("GOTRUE_DISABLE_SIGNUP=" + disableSignup);
        }
        if (anonymousUsers != null) {
            parts.add("GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED=" + anonymousUsers);
        }
        if (rateLimitHeader != null) {
            parts.add("GOTRUE_RATE_LIMIT_HEADER=" + (rateLimitHeader.isEmpty() ? "<unset>" : rateLimitHeader));
        }
        if (anonymousRateLimit != null) {
            parts.add("GOTRUE_RATE_LIMIT_ANONYMOUS_USERS=" + anonymousRateLimit);
        }
        return parts.toString();
    }
}
