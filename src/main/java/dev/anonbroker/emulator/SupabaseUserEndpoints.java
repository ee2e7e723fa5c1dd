package dev.anonbroker.emulator;

/**
 * Supabase {@code GET /user} and {@code POST /logout} (src/main/docs/guide/gotrue-compatibility.md sections 2.7 and
 * 2.8): the token's user and session must exist; logout closes sessions by {@code scope} (global, local, others).
 */
final class SupabaseUserEndpoints {

    private final EmulatorContext context;
    private final SupabaseAuth auth;

    SupabaseUserEndpoints(EmulatorContext context, SupabaseAuth auth) {
        this.context = context;
        this.auth = auth;
    }

    Reply get(Call call) {
        SupabaseAuth.Principal principal = auth.authenticate(call);
        String tokenAud = SupabaseAuth.firstAud(principal.claims());
        if (tokenAud.isEmpty() || !tokenAud.equals(auth.requestAud(call, principal.claims()))) {
            throw ApiError.of(400, "validation_failed", "Token audience doesn't match request audience");
        }
        return Reply.ok(context.userJson().render(principal.user()));
    }

    Reply logout(Call call) {
        SupabaseAuth.Principal principal = auth.authenticate(call);
        String scope = call.queryParam("scope");
        String sessionId = principal.session() == null ? null : principal.session().id();
        switch (scope.isEmpty() ? "global" : scope) {
            case "global" -> context.sessions().closeSessionsOf(principal.user().id, null);
            case "local" -> {
                if (sessionId != null) {
                    context.sessions().closeSession(sessionId);
                }
            }
            case "others" -> context.sessions().closeSessionsOf(principal.user().id, sessionId);
            default -> throw ApiError.of(400, "validation_failed", "Unsupported logout scope \"" + scope + "\"");
        }
        return Reply.noContent();
    }
}
