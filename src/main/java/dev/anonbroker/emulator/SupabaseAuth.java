package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * Supabase's JWT checks (src/main/docs/guide/gotrue-compatibility.md sections 2.1 and 4): 401 without a bearer, 403
 * {@code bad_jwt} for a bad JWT, then the user and session of the {@code sub} and {@code session_id} claims must exist.
 */
final class SupabaseAuth {

    static final Set<String> ADMIN_ROLES = Set.of("service_role", "supabase_admin");
    private static final String BAD_JWT_PREFIX = "invalid JWT: unable to parse or verify signature, ";

    /** The caller of a user endpoint: its claims, user and (when the token names one) session. */
    record Principal(ObjectNode claims, StoredUser user, SessionStore.Session session) {
    }

    private final EmulatorContext context;

    SupabaseAuth(EmulatorContext context) {
        this.context = context;
    }

    ObjectNode claims(Call call) {
        String token = Bearer.extract(call, EmulatorFlavor.SUPABASE).orElseThrow(Bearer::supabaseMissing);
        try {
            return context.jwt().verify(token);
        } catch (JwtException e) {
            throw ApiError.of(403, "bad_jwt", BAD_JWT_PREFIX + e.v5Message());
        }
    }

    /** {@code requireAuthentication}: a valid JWT whose user (and session, when named) still exist. */
    Principal authenticate(Call call) {
        ObjectNode claims = claims(call);
        StoredUser user = loadUser(claims);
        SessionStore.Session session = loadSession(claims);
        if (user.banned(context.now())) {
            throw ApiError.of(403, "user_banned", "User is banned");
        }
        return new Principal(claims, user, session);
    }

    StoredUser loadUser(JsonNode claims) {
        String sub = Json.text(claims, "sub");
        if (sub.isEmpty()) {
            throw ApiError.of(403, "bad_jwt", "invalid claim: missing sub claim");
        }
        if (!Ids.isUuid(sub)) {
            throw ApiError.of(400, "bad_jwt", "invalid claim: sub claim must be a UUID");
        }
        return context.users().byId(Ids.canonical(sub))
                .orElseThrow(() -> ApiError.of(403, "user_not_found", "User from sub claim in JWT does not exist"));
    }

    /** The named session, or null when the token names none (or the nil UUID). */
    SessionStore.Session loadSession(JsonNode claims) {
        String sessionId = Json.text(claims, "session_id");
        if (!hasSession(claims)) {
            return null;
        }
        if (!Ids.isUuid(sessionId)) {
            throw ApiError.of(403, "bad_jwt", "invalid claim: session_id claim must be a UUID");
        }
        return context.sessions().session(Ids.canonical(sessionId)).orElseThrow(() -> ApiError.of(403,
                "session_not_found", "Session from session_id claim in JWT does not exist"));
    }

    static boolean hasSession(JsonNode claims) {
        String sessionId = Json.text(claims, "session_id");
        return !sessionId.isEmpty() && !Ids.NIL_UUID.equals(sessionId);
    }

    /** {@code X-JWT-AUD}, else the token's first {@code aud} unless its role is an admin role, else GOTRUE_JWT_AUD. */
    String requestAud(Call call, JsonNode claims) {
        String header = EmulatorContext.audienceHeader(call);
        if (header != null) {
            return header;
        }
        String tokenAud = firstAud(claims);
        boolean admin = ADMIN_ROLES.contains(Json.text(claims, "role"));
        return tokenAud.isEmpty() || admin ? context.defaultAudience() : tokenAud;
    }

    static String firstAud(JsonNode claims) {
        JsonNode aud = claims == null ? null : claims.get("aud");
        if (aud != null && aud.isArray() && !aud.isEmpty()) {
            aud = aud.get(0);
        }
        return aud != null && aud.isTextual() ? aud.asText() : "";
    }
}
