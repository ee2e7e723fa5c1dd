package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders an {@link ApiError} as the flavor's body (src/main/docs/guide/gotrue-compatibility.md section 1): netlify
 * {@code {"code","msg"}}; supabase {@code {"code","error_code","msg"}} with {@code x-sb-error-code}, or
 * {@code {"code","message"}} when the request asks for API version 2024-01-01 or later; the OAuth shape on netlify's
 * {@code /token}; {@code error_id} on 5xx.
 */
final class ErrorRenderer {

    static final String API_VERSION_HEADER = "X-Supabase-Api-Version";
    static final String API_VERSION_2024 = "2024-01-01";

    private final EmulatorFlavor flavor;

    ErrorRenderer(EmulatorFlavor flavor) {
        this.flavor = flavor;
    }

    Reply render(ApiError error, Call call) {
        Reply reply = error.oauth ? oauth(error) : flavor == EmulatorFlavor.NETLIFY ? netlify(error) : supabase(error, call);
        error.headers.forEach(reply::header);
        return reply;
    }

    private Reply oauth(ApiError error) {
        ObjectNode body = Json.object().put("error", error.errorCode);
        if (!error.getMessage().isEmpty()) {
            body.put("error_description", error.getMessage());
        }
        return Reply.json(error.status, body);
    }

    private Reply netlify(ApiError error) {
        ObjectNode body = Json.object().put("code", error.status).put("msg", error.getMessage());
        addErrorId(body, error);
        return Reply.json(error.status, body);
    }

    private Reply supabase(ApiError error, Call call) {
        boolean versioned = wantsVersion2024(call.header(API_VERSION_HEADER));
        ObjectNode body = Json.object();
        if (versioned) {
            body.put("code", error.errorCode).put("message", error.getMessage());
        } else {
            body.put("code", error.status).put("error_code", error.errorCode).put("msg", error.getMessage());
        }
        if (error.extra != null) {
            body.setAll(error.extra);
        }
        addErrorId(body, error);
        Reply reply = Reply.json(error.status, body).header("x-sb-error-code", error.errorCode);
        return versioned ? reply.header(API_VERSION_HEADER, API_VERSION_2024) : reply;
    }

    private static void addErrorId(ObjectNode body, ApiError error) {
        if (error.status >= 500) {
            body.put("error_id", Ids.newUuid());
        }
    }

    /** Whether the header names a date on or after 2024-01-01 (supabase {@code apiversions.go}). */
    static boolean wantsVersion2024(String header) {
        if (header == null || !header.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            return !java.time.LocalDate.parse(header.strip()).isBefore(java.time.LocalDate.parse(API_VERSION_2024));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** The flavor's 429 body for the request limiters. */
    ApiError rateLimited() {
        return flavor == EmulatorFlavor.NETLIFY ? ApiError.netlify(429, "Rate limit exceeded")
                : ApiError.of(429, "over_request_rate_limit", "Request rate limit reached");
    }

    /** The flavor's generic 500. */
    ApiError serverError() {
        return flavor == EmulatorFlavor.NETLIFY ? ApiError.netlify(500, "Internal server error")
                : ApiError.of(500, "unexpected_failure", "Internal Server Error");
    }
}
