package dev.anonbroker.problem;

import static dev.anonbroker.problem.ProblemType.FORBIDDEN;
import static dev.anonbroker.problem.ProblemType.GOTRUE_UNAVAILABLE;
import static dev.anonbroker.problem.ProblemType.INTERNAL_ERROR;
import static dev.anonbroker.problem.ProblemType.INVALID_TOKEN;
import static dev.anonbroker.problem.ProblemType.MALFORMED_REQUEST;
import static dev.anonbroker.problem.ProblemType.METHOD_NOT_ALLOWED;
import static dev.anonbroker.problem.ProblemType.NOT_ACCEPTABLE;
import static dev.anonbroker.problem.ProblemType.NOT_FOUND;
import static dev.anonbroker.problem.ProblemType.PAYLOAD_TOO_LARGE;
import static dev.anonbroker.problem.ProblemType.RATE_LIMITED;
import static dev.anonbroker.problem.ProblemType.UNSUPPORTED_MEDIA_TYPE;

/**
 * The problem for an error the framework raised with only a status code, before our code ran: one type and one fixed,
 * caller-facing detail per status. Framework messages are never passed on, since they can echo input or internals.
 */
final class FrameworkProblems {

    private FrameworkProblems() {
    }

    static Problem forStatus(int status) {
        return switch (status) {
            case 400 -> problem(MALFORMED_REQUEST, status,
                    "The request body or its parameters could not be read. Check the JSON and the field types.");
            case 401 -> problem(INVALID_TOKEN, status, "This endpoint requires valid credentials.");
            case 403 -> problem(FORBIDDEN, status, "This request is not allowed.");
            case 404 -> problem(NOT_FOUND, status,
                    "There is no such endpoint. See the OpenAPI document for the endpoints that exist.");
            case 405 -> problem(METHOD_NOT_ALLOWED, status, "This endpoint does not support this HTTP method.");
            case 406 -> problem(NOT_ACCEPTABLE, status,
                    "The broker answers only application/json or application/problem+json.");
            case 413 -> problem(PAYLOAD_TOO_LARGE, status, "The request body is larger than the broker accepts.");
            case 415 -> problem(UNSUPPORTED_MEDIA_TYPE, status,
                    "The request body has a media type this endpoint does not accept.");
            case 429 -> problem(RATE_LIMITED, status, "The request was refused.");
            case 503 -> problem(GOTRUE_UNAVAILABLE, status, "The service is unavailable. Try again later.");
            default -> status >= 500
                    ? problem(INTERNAL_ERROR, status, "The broker failed to handle the request.")
                    : problem(MALFORMED_REQUEST, status, "The request was refused.");
        };
    }

    private static Problem problem(ProblemType type, int status, String detail) {
        return new Problem(type.uri(), type.title(), status, detail);
    }
}
