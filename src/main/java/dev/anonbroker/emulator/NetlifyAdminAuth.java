package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Netlify: the operator token; or an HS256 JWT of the system user ({@code sub} "0" or the nil UUID); or of an existing
 * user whose {@code role} is {@code admin} in the checked audience. Every failure is 401.
 */
final class NetlifyAdminAuth implements AdminAuth {

    private static final String ADMIN_GROUP = "admin";

    private final EmulatorContext context;
    private final NetlifyAuth auth;

    NetlifyAdminAuth(EmulatorContext context, NetlifyAuth auth) {
        this.context = context;
        this.auth = auth;
    }

    @Override
    public String authorize(Call call) {
        String token = Bearer.extract(call, EmulatorFlavor.NETLIFY).orElseThrow(Bearer::netlifyMissing);
        if (isOperatorToken(token)) {
            return auth.requestAud(call, null);
        }
        ObjectNode claims = auth.verify(token);
        String sub = Json.text(claims, "sub");
        StoredUser admin = NetlifyAuth.isSystemSubject(sub) ? null : adminUser(sub);
        String requestAud = auth.requestAud(call, claims);
        String checkedAud = call.body.length == 0 ? requestAud : targetAudience(params(call), requestAud);
        if (admin != null && !isAdmin(admin, checkedAud)) {
            throw ApiError.netlify(401, "User not allowed");
        }
        return requestAud;
    }

    private boolean isOperatorToken(String token) {
        String operator = context.options().operatorToken();
        return operator != null && !operator.isEmpty() && MessageDigest.isEqual(
                operator.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private StoredUser adminUser(String sub) {
        if (!Ids.isUuid(sub)) {
            throw ApiError.netlify(401, "Invalid admin user");
        }
        return context.users().byId(Ids.canonical(sub))
                .orElseThrow(() -> ApiError.netlify(401, "Invalid admin user"));
    }

    private boolean isAdmin(StoredUser user, String aud) {
        String checked = aud.isEmpty() ? context.defaultAudience() : aud;
        return checked.equals(user.aud()) && ADMIN_GROUP.equals(user.role());
    }

    /** The admin user params body, as upstream {@code getAdminParams} decodes it. */
    static ObjectNode params(Call call) {
        try {
            return Json.parseObject(call.body, true);
        } catch (Json.BadJson e) {
            throw ApiError.netlify(400, "Could not decode admin user params: " + e.getMessage());
        }
    }

    /**
     * The body's {@code "aud"}, else the request audience: the audience the admin check uses for a non-empty body
     * (upstream {@code requireAdmin}) and the one a created user gets.
     */
    static String targetAudience(ObjectNode params, String requestAud) {
        String bodyAud = Json.text(params, "aud");
        return bodyAud.isEmpty() ? requestAud : bodyAud;
    }
}
