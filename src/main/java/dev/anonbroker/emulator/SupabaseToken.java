package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Supabase {@code POST /token?grant_type=...} with a JSON body (src/main/docs/guide/gotrue-compatibility.md section
 * 2.6): the grant type is checked before the limiter, ordinary error bodies, sessions and refresh-token rotation with a
 * reuse interval.
 */
final class SupabaseToken {

    private static final Pattern LEGACY_TOKEN = Pattern.compile("^[a-z0-9]{12}$");
    private static final Duration REUSE_INTERVAL = Duration.ofSeconds(10);

    private final EmulatorContext context;
    private final AccessTokens tokens;

    SupabaseToken(EmulatorContext context, AccessTokens tokens) {
        this.context = context;
        this.tokens = tokens;
    }

    Reply handle(Call call) {
        String grant = call.formValue("grant_type");
        if (!"password".equals(grant) && !"refresh_token".equals(grant)) {
            throw ApiError.of(400, "invalid_credentials", "unsupported_grant_type");
        }
        if (!context.limits().allowSupabase(call, context.limits().token)) {
            throw context.errors().rateLimited();
        }
        ObjectNode params = SupabaseRequests.body(call);
        return "password".equals(grant) ? password(call, params) : refresh(params);
    }

    private Reply password(Call call, ObjectNode params) {
        String email = Json.text(params, "email");
        String phone = Json.text(params, "phone");
        if (!email.isEmpty() && !phone.isEmpty()) {
            throw ApiError.of(400, "validation_failed",
                    "Only an email address or phone number should be provided on login.");
        }
        if (email.isEmpty() && phone.isEmpty()) {
            throw ApiError.of(400, "validation_failed", "missing email or phone");
        }
        String aud = context.requestAudience(call);
        StoredUser user = context.users().byEmail(aud, email.toLowerCase(java.util.Locale.ROOT))
                .filter(u -> u.passwordHash() != null).orElseThrow(SupabaseToken::invalidCredentials);
        if (user.banned(context.now())) {
            throw ApiError.of(400, "user_banned", "User is banned");
        }
        if (!context.passwords().matches(Json.text(params, "password"), user.passwordHash())) {
            throw invalidCredentials();
        }
        if (!user.confirmed()) {
            throw ApiError.of(400, "email_not_confirmed", "Email not confirmed");
        }
        SupabaseUsers.signedIn(user, context.now());
        return tokens.supabaseLogin(user, "password");
    }

    private Reply refresh(ObjectNode params) {
        String value = Json.text(params, "refresh_token");
        if (value.isEmpty()) {
            throw ApiError.oauth("invalid_request", "refresh_token required");
        }
        if (value.length() != 12 || !LEGACY_TOKEN.matcher(value).matches()) {
            throw ApiError.of(400, "validation_failed", "Refresh token is not valid");
        }
        SessionStore.RefreshToken token = context.sessions().find(value).orElseThrow(SupabaseToken::notFound);
        StoredUser user = context.users().byId(token.userId).orElseThrow(SupabaseToken::notFound);
        SessionStore.Session session = context.sessions().session(token.sessionId).orElseThrow(
                () -> ApiError.of(400, "session_not_found", "Invalid Refresh Token: No Valid Session Found"));
        if (user.banned(context.now())) {
            throw ApiError.of(400, "user_banned", "User is banned");
        }
        Instant now = context.now();
        SessionStore.RefreshToken next = context.sessions().rotate(token, now).orElseGet(() -> reuse(token, now));
        return tokens.supabaseResponse(user, session, next.token);
    }

    /** A revoked token used again: its successor within the reuse interval, else the session is revoked. */
    private SessionStore.RefreshToken reuse(SessionStore.RefreshToken token, Instant now) {
        SessionStore.RefreshToken child;
        Instant revokedAt;
        synchronized (token) {
            child = token.child;
            revokedAt = token.revokedAt;
        }
        boolean recent = revokedAt != null && !revokedAt.plus(REUSE_INTERVAL).isBefore(now);
        if (recent && child != null && !child.revoked() && context.sessions().find(child.token).isPresent()) {
            return child;
        }
        context.sessions().closeSession(token.sessionId);
        throw ApiError.of(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used");
    }

    private static ApiError invalidCredentials() {
        return ApiError.of(400, "invalid_credentials", "Invalid login credentials");
    }

    private static ApiError notFound() {
        return ApiError.of(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    }
}
