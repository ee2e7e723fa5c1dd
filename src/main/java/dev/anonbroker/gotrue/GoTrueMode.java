package dev.anonbroker.gotrue;

/**
 * How the broker obtains a throwaway user.
 */
public enum GoTrueMode {
    /** Email and password sign-up; needs open registration and autoconfirm. */
    SIGNUP,
    /** The admin API creates a confirmed user; registration may stay closed. */
    ADMIN_CREATE,
    /** Supabase anonymous sign-in; needs anonymous users enabled. */
    ANONYMOUS;

    /** The value as written in {@code broker.gotrue.mode}: {@code signup}, {@code admin-create}, {@code anonymous}. */
    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
