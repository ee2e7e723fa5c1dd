package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Netlify's JWT checks for user endpoints (src/main/docs/guide/gotrue-compatibility.md section 2.1): HS256 only, 401
 * {@code Invalid token: ...} with the {@code nf_jwt} cookie cleared; and its request audience (header, then token, then
 * configuration).
 */
final class NetlifyAuth {

    static final String CLEAR_COOKIE = "nf_jwt=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Secure";

    private final EmulatorContext context;

    NetlifyAuth(EmulatorContext context) {
        this.context = context;
    }

    /** The verified claims of the request's bearer JWT. */
    ObjectNode claims(Call call) {
        String token = Bearer.extract(call, EmulatorFlavor.NETLIFY).orElseThrow(Bearer::netlifyMissing);
        return verify(token);
    }

    ObjectNode verify(String token) {
        ObjectNode claims;
        try {
            claims = context.jwt().verify(token);
        } catch (JwtException e) {
            throw invalid(e.v4Message());
        }
        JsonNode aud = claims.get("aud");
        if (aud != null && !aud.isNull() && !aud.isTextual()) {
            String kind = aud.isArray() ? "array" : aud.isNumber() ? "number" : "object";
            throw invalid("json: cannot unmarshal " + kind + " into Go struct field GoTrueClaims.aud of type string");
        }
        return claims;
    }

    private static ApiError invalid(String message) {
        return ApiError.netlify(401, "Invalid token: " + message).header("Set-Cookie", CLEAR_COOKIE);
    }

    /** {@code X-JWT-AUD}, else the token's {@code aud}, else GOTRUE_JWT_AUD. */
    String requestAud(Call call, JsonNode claims) {
        String header = EmulatorContext.audienceHeader(call);
        if (header != null) {
            return header;
        }
        String tokenAud = Json.text(claims, "aud");
        return tokenAud.isEmpty() ? context.defaultAudience() : tokenAud;
    }

    static boolean isSystemSubject(String sub) {
        return "0".equals(sub) || Ids.NIL_UUID.equals(sub);
    }
}
