package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Netlify {@code GET /user} and {@code POST /logout} (src/main/docs/guide/gotrue-compatibility.md sections 2.7 and
 * 2.8). There are no sessions: logout deletes the user's refresh tokens and the access token stays usable until it
 * expires.
 */
final class NetlifyUserEndpoints {

    private final EmulatorContext context;
    private final NetlifyAuth auth;

    NetlifyUserEndpoints(EmulatorContext context, NetlifyAuth auth) {
        this.context = context;
        this.auth = auth;
    }

    Reply get(Call call) {
        ObjectNode claims = auth.claims(call);
        String sub = Json.text(claims, "sub");
        if (!Ids.isUuid(sub)) {
            throw ApiError.netlify(400, "Could not read User ID claim");
        }
        if (!auth.requestAud(call, claims).equals(Json.text(claims, "aud"))) {
            throw ApiError.netlify(400, "Token audience doesn't match request audience");
        }
        StoredUser user = context.users().byId(Ids.canonical(sub))
                .orElseThrow(() -> ApiError.netlify(404, "User not found"));
        return Reply.ok(context.userJson().render(user));
    }

    Reply logout(Call call) {
        ObjectNode claims = auth.claims(call);
        String sub = Json.text(claims, "sub");
        if (!NetlifyAuth.isSystemSubject(sub)) {
            if (!Ids.isUuid(sub) || context.users().byId(Ids.canonical(sub)).isEmpty()) {
                throw ApiError.netlify(401, "Invalid user").header("Set-Cookie", NetlifyAuth.CLEAR_COOKIE);
            }
            context.sessions().forgetUser(Ids.canonical(sub));
        }
        return Reply.noContent().header("Set-Cookie", NetlifyAuth.CLEAR_COOKIE);
    }
}
