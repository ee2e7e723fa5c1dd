package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Access tokens and token responses of each flavor (src/main/docs/guide/gotrue-compatibility.md sections 2.6 and 3).
 * Netlify: header {@code kid: nf-ident}, claims {@code aud} (only when non-empty),
 * {@code exp, sub, email, app_metadata, user_metadata}. Supabase:
 * {@code sub, aud, exp, iat, email, phone, app_metadata, user_metadata, role, aal, amr, session_id, is_anonymous}.
 */
final class AccessTokens {

    private final EmulatorContext context;

    AccessTokens(EmulatorContext context) {
        this.context = context;
    }

    /** A netlify login: a new refresh token for the user and the four-key token response. */
    Reply netlifyLogin(StoredUser user) {
        SessionStore.RefreshToken refresh = context.sessions().issue(user.id, null, context.now());
        return netlifyResponse(user, refresh.token);
    }

    Reply netlifyResponse(StoredUser user, String refreshToken) {
        long exp = context.now().getEpochSecond() + expSeconds();
        ObjectNode claims = Json.object();
        synchronized (user) {
            if (user.aud != null && !user.aud.isEmpty()) {
                claims.put("aud", user.aud);
            }
            claims.put("exp", exp).put("sub", user.id).put("email", user.email);
            claims.set("app_metadata", user.appMetadata == null ? null : user.appMetadata.deepCopy());
            claims.set("user_metadata", user.userMetadata == null ? null : user.userMetadata.deepCopy());
        }
        ObjectNode header = Json.object().put("alg", "HS256").put("kid", "nf-ident").put("typ", "JWT");
        ObjectNode body = Json.object().put("access_token", context.jwt().sign(header, claims))
                .put("token_type", "bearer").put("expires_in", expSeconds()).put("refresh_token", refreshToken);
        return Reply.ok(body);
    }

    /** A supabase login: a new session, its first refresh token and the token response. */
    Reply supabaseLogin(StoredUser user, String method) {
        SessionStore.Session session = context.sessions().openSession(user.id, method, context.now());
        SessionStore.RefreshToken refresh = context.sessions().issue(user.id, session.id(), context.now());
        return supabaseResponse(user, session, refresh.token);
    }

    Reply supabaseResponse(StoredUser user, SessionStore.Session session, String refreshToken) {
        long iat = context.now().getEpochSecond();
        long exp = iat + expSeconds();
        ObjectNode header = Json.object().put("alg", "HS256").put("typ", "JWT");
        String jwt = context.jwt().sign(header, supabaseClaims(user, session, iat, exp));
        ObjectNode body = Json.object().put("access_token", jwt).put("token_type", "bearer")
                .put("expires_in", exp - context.now().getEpochSecond()).put("expires_at", exp)
                .put("refresh_token", refreshToken);
        body.set("user", context.userJson().render(user));
        return Reply.ok(body).header("sb-auth-user-id", user.id).header("sb-auth-session-id", session.id())
                .header("sb-auth-refresh-token-prefix", refreshToken.substring(0, Math.min(5, refreshToken.length())));
    }

    private ObjectNode supabaseClaims(StoredUser user, SessionStore.Session session, long iat, long exp) {
        ObjectNode claims = Json.object();
        synchronized (user) {
            claims.put("sub", user.id).put("aud", user.aud).put("exp", exp).put("iat", iat)
                    .put("email", user.email == null ? "" : user.email).put("phone", "");
            claims.set("app_metadata", user.appMetadata == null ? Json.object() : user.appMetadata.deepCopy());
            claims.set("user_metadata", user.userMetadata == null ? Json.object() : user.userMetadata.deepCopy());
            claims.put("role", user.role).put("aal", "aal1");
        }
        claims.putArray("amr").addObject().put("method", session.method())
                .put("timestamp", session.createdAt().getEpochSecond());
        return claims.put("session_id", session.id()).put("is_anonymous", user.anonymous);
    }

    private long expSeconds() {
        return context.options().jwtExp().toSeconds();
    }
}
