package dev.anonbroker.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by services for any error the caller should see; rendered by {@link ProblemExceptionHandler}.
 * The detail must be safe to show: no token, password, key or upstream body.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final Map<String, String> headers;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of(), null);
    }

    public ProblemException(ProblemType type, String detail, Map<String, String> headers, Throwable cause) {
        super(type.name() + ": " + detail, cause);
        this.type = type;
        this.detail = detail;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 section 3). */
    public static ProblemException invalidToken(ProblemType type, String detail) {
        String challenge = "Bearer error=\"invalid_token\", error_description=\"" + detail.replace('"', '\'') + "\"";
        return new ProblemException(type, detail, Map.of("WWW-Authenticate", challenge), null);
    }

    /** 503 or 429 with {@code Retry-After} in whole seconds. */
    public static ProblemException retryLater(ProblemType type, String detail, long retryAfterSeconds, Throwable cause) {
        return new ProblemException(type, detail, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))), cause);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    /** Extra response headers (Retry-After, WWW-Authenticate). */
    public Map<String, String> headers() {
        return headers;
    }
}
