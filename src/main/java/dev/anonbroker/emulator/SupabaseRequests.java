package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Supabase request helpers: JSON bodies with {@code bad_json}, and the audience of unauthenticated requests. */
final class SupabaseRequests {

    private SupabaseRequests() {
    }

    /** The JSON object body; a form-encoded body was consumed by form parsing upstream, so it reads as empty. */
    static ObjectNode body(Call call) {
        try {
            return Json.parseObject(call.isFormBody() ? new byte[0] : call.body, false);
        } catch (Json.BadJson e) {
            throw ApiError.of(400, "bad_json", "Could not parse request body as JSON: " + e.getMessage());
        }
    }

    /** {@code X-JWT-AUD}, else GOTRUE_JWT_AUD (no token on these requests). */
    static String audience(Call call, EmulatorContext context) {
        String header = call.header("X-JWT-AUD");
        return header != null && !header.isEmpty() ? header : context.defaultAudience();
    }
}
