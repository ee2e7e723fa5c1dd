package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answer in GoTrue's terms: the status, the supabase machine code and the message; or, for the OAuth shape,
 * {@code error} and {@code error_description}. {@link ErrorRenderer} turns it into the flavor's body.
 */
final class ApiError extends RuntimeException {

    final int status;
    final String errorCode;
    final boolean oauth;
    final ObjectNode extra;
    final Map<String, String> headers = new LinkedHashMap<>();

    private ApiError(int status, String errorCode, String message, boolean oauth, ObjectNode extra) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.oauth = oauth;
        this.extra = extra;
    }

    /** An ordinary error; {@code errorCode} is ignored by the netlify rendering. */
    static ApiError of(int status, String errorCode, String message) {
        return new ApiError(status, errorCode, message, false, null);
    }

    /** A netlify ordinary error, which has no machine code. */
    static ApiError netlify(int status, String message) {
        return new ApiError(status, "", message, false, null);
    }

    /** The OAuth shape {@code {"error","error_description"}}, status 400; an empty description is left out. */
    static ApiError oauth(String error, String description) {
        return new ApiError(400, error, description, true, null);
    }

    static ApiError withExtra(int status, String errorCode, String message, ObjectNode extra) {
        return new ApiError(status, errorCode, message, false, extra);
    }

    ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
