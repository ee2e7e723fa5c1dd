package dev.anonbroker.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Netlify {@code POST /token} (src/main/docs/guide/gotrue-compatibility.md section 2.6): form values (body, then
 * query), the limiter before anything else, OAuth-shaped 400s, and refresh-token rotation.
 */
final class NetlifyToken {

    private static final String NO_USER = "No user found with that email, or password invalid.";
    private static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    private final EmulatorContext context;
    private final AccessTokens tokens;

    NetlifyToken(EmulatorContext context, AccessTokens tokens) {
        this.context = context;
        this.tokens = tokens;
    }

    Reply handle(Call call) {
        if (!context.limits().allowNetlify(call)) {
            throw context.errors().rateLimited();
        }
        return switch (call.formValue("grant_type")) {
            case "password" -> password(call);
            case "refresh_token" -> refresh(call);
            default -> throw ApiError.oauth("unsupported_grant_type", "");
        };
    }

    private Reply password(Call call) {
        String aud = context.requestAudience(call);
        StoredUser user = context.users().byEmail(aud, call.formValue("username"))
                .orElseThrow(() -> ApiError.oauth("invalid_grant", NO_USER));
        if (!user.confirmed()) {
            throw ApiError.oauth("invalid_grant", "Email not confirmed");
        }
        if (!context.passwords().matches(call.formValue("password"), user.passwordHash())) {
            throw ApiError.oauth("invalid_grant", NO_USER);
        }
        return tokens.netlifyLogin(user);
    }

    private Reply refresh(Call call) {
        String value = call.formValue("refresh_token");
        if (value.isEmpty()) {
            throw ApiError.oauth("invalid_request", "refresh_token required");
        }
        SessionStore.RefreshToken token = context.sessions().find(value).orElseThrow(NetlifyToken::invalidToken);
        StoredUser user = context.users().byId(token.userId).orElseThrow(NetlifyToken::invalidToken);
        if (token.revoked()) {
            throw invalidToken().header("Set-Cookie", NetlifyAuth.CLEAR_COOKIE);
        }
        Instant now = context.now();
        if (token.createdAt.plus(REFRESH_LIFETIME).isBefore(now)) {
            throw ApiError.oauth("invalid_grant", "Refresh token expired");
        }
        SessionStore.RefreshToken next = context.sessions().rotate(token, now)
                .orElseThrow(() -> invalidToken().header("Set-Cookie", NetlifyAuth.CLEAR_COOKIE));
        return tokens.netlifyResponse(user, next.token);
    }

    private static ApiError invalidToken() {
        return ApiError.oauth("invalid_grant", "Invalid Refresh Token");
    }
}
