package dev.anonbroker.gotrue;

/**
 * A GoTrue token response (src/main/docs/guide/gotrue-compatibility.md section 2.6). Supabase includes the user;
 * netlify does not, so {@code user} may be null.
 *
 * @param accessToken  GoTrue's HS256 access token; never log it
 * @param expiresIn    lifetime in seconds
 * @param refreshToken the refresh token; never log it
 * @param user         the user, when the flavor sends it, else null
 */
public record GoTrueTokens(String accessToken, long expiresIn, String refreshToken, GoTrueUser user) {

    @Override
    public String toString() {
        return "GoTrueTokens[expiresIn=" + expiresIn + ", user=" + (user == null ? null : user.id()) + "]";
    }
}
