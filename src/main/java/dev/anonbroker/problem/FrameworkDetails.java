package dev.anonbroker.problem;

/**
 * Fixed, caller-facing explanations for errors the framework raises before our code runs.
 */
final class FrameworkDetails {

    private FrameworkDetails() {
    }

    static String forStatus(int status) {
        return switch (status) {
            case 400 -> "The request body or its parameters could not be read. Check the JSON and the field types.";
            case 401 -> "This endpoint requires valid credentials.";
            case 403 -> "This request is not allowed.";
            case 404 -> "There is no such endpoint. See the OpenAPI document for the endpoints that exist.";
            case 405 -> "This endpoint does not support this HTTP method.";
            case 406 -> "The broker answers only application/json or application/problem+json.";
            case 413 -> "The request body is larger than the broker accepts.";
            case 415 -> "The request body has a media type this endpoint does not accept.";
            case 503 -> "The service is unavailable. Try again later.";
            default -> status >= 500 ? "The broker failed to handle the request." : "The request was refused.";
        };
    }
}
