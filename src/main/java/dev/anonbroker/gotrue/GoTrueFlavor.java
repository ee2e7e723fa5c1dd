package dev.anonbroker.gotrue;

/**
 * The two GoTrue lineages the broker talks to. Every wire difference between them lives in {@link HttpGoTrueClient};
 * see src/main/docs/guide/gotrue-compatibility.md section 1.
 */
public enum GoTrueFlavor {
    /** netlify/gotrue, the server behind Netlify Identity. */
    NETLIFY,
    /** supabase/auth, the fork behind Supabase Auth. */
    SUPABASE;

    /** The value as written in {@code broker.gotrue.flavor}: {@code netlify} or {@code supabase}. */
    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
