package dev.anonbroker.gotrue;

/**
 * The switches of {@code GET /settings} the broker depends on (src/main/docs/guide/gotrue-compatibility.md section
 * 2.3).
 *
 * @param signupDisabled          {@code disable_signup}
 * @param autoconfirm             netlify {@code autoconfirm}, supabase {@code mailer_autoconfirm}
 * @param anonymousUsersEnabled   supabase {@code external.anonymous_users}; always false for netlify
 * @param emailEnabled            {@code external.email}
 */
public record GoTrueSettings(boolean signupDisabled, boolean autoconfirm, boolean anonymousUsersEnabled, boolean emailEnabled) {
}
