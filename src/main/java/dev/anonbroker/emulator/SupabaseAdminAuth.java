package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Supabase: a JWT whose {@code role} claim is in {@code service_role,supabase_admin}; 401 without a bearer, 403
 * {@code bad_jwt} for a bad JWT, 403 {@code not_admin} for other roles. A token naming a session must have it alive.
 */
final class SupabaseAdminAuth implements AdminAuth {

    private final SupabaseAuth auth;

    SupabaseAdminAuth(SupabaseAuth auth) {
        this.auth = auth;
    }

    @Override
    public String authorize(Call call) {
        ObjectNode claims = auth.claims(call);
        if (SupabaseAuth.hasSession(claims)) {
            auth.loadUser(claims);
            auth.loadSession(claims);
        }
        if (!SupabaseAuth.ADMIN_ROLES.contains(Json.text(claims, "role"))) {
            throw ApiError.of(403, "not_admin", "User not allowed");
        }
        return auth.requestAud(call, claims);
    }
}
