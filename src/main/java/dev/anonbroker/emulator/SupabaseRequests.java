package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Supabase request helper: JSON bodies with {@code bad_json}. */
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
}
