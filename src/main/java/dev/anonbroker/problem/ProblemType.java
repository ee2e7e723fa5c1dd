package dev.anonbroker.problem;

import io.micronaut.http.HttpStatus;

/**
 * The catalogue of every error the broker answers, each with a stable {@code type} URI (RFC 9457 section 3.1.1).
 * Callers may switch on {@link #uri()}; titles are for humans and may be reworded.
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", HttpStatus.BAD_REQUEST),
    INVALID_TOKEN("invalid-token", "Invalid token", HttpStatus.UNAUTHORIZED),
    SESSION_ENDED("session-ended", "Session ended", HttpStatus.UNAUTHORIZED),
    SESSION_REVOKED("session-revoked", "Session revoked", HttpStatus.UNAUTHORIZED),
    REFRESH_TOKEN_REUSED("refresh-token-reused", "Refresh token already used", HttpStatus.UNAUTHORIZED),
    CLIENT_UNAUTHENTICATED("client-unauthenticated", "Client authentication failed", HttpStatus.UNAUTHORIZED),
    ORIGIN_NOT_ALLOWED("origin-not-allowed", "Origin not allowed", HttpStatus.FORBIDDEN),
    SESSION_ORIGIN_MISMATCH("session-origin-mismatch", "Session bound to another origin", HttpStatus.FORBIDDEN),
    NOT_A_THROWAWAY_USER("not-a-throwaway-user", "Not a throwaway user", HttpStatus.FORBIDDEN),
    SIGNED_PROXY_REQUIRED("signed-proxy-required", "Signed proxy required", HttpStatus.FORBIDDEN),
    SIGNED_PROXY_INVALID("signed-proxy-invalid", "Invalid proxy signature", HttpStatus.FORBIDDEN),
    PROOF_OF_WORK_REQUIRED("proof-of-work-required", "Proof of work required", HttpStatus.FORBIDDEN),
    PROOF_OF_WORK_INVALID("proof-of-work-invalid", "Invalid proof of work", HttpStatus.FORBIDDEN),
    PROOF_OF_WORK_REPLAYED("proof-of-work-replayed", "Proof of work already used", HttpStatus.FORBIDDEN),
    CAPTCHA_REQUIRED("captcha-required", "Captcha required", HttpStatus.FORBIDDEN),
    CAPTCHA_INVALID("captcha-invalid", "Captcha not accepted", HttpStatus.FORBIDDEN),
    CAPTCHA_REPLAYED("captcha-replayed", "Captcha token already used", HttpStatus.FORBIDDEN),
    DPOP_PROOF_REQUIRED("dpop-proof-required", "DPoP proof required", HttpStatus.FORBIDDEN),
    DPOP_PROOF_INVALID("dpop-proof-invalid", "Invalid DPoP proof", HttpStatus.FORBIDDEN),
    DPOP_PROOF_REPLAYED("dpop-proof-replayed", "DPoP proof already used", HttpStatus.FORBIDDEN),
    DPOP_KEY_MISMATCH("dpop-key-mismatch", "DPoP key not the session's", HttpStatus.FORBIDDEN),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    MINT_BUDGET_EXHAUSTED("mint-budget-exhausted", "Broker at capacity", HttpStatus.SERVICE_UNAVAILABLE),
    CAPTCHA_UNAVAILABLE("captcha-unavailable", "Captcha provider unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    GATE_AT_CAPACITY("gate-at-capacity", "Gate at capacity", HttpStatus.SERVICE_UNAVAILABLE),
    EXCHANGE_AT_CAPACITY("exchange-at-capacity", "Exchange at capacity", HttpStatus.SERVICE_UNAVAILABLE),
    MODE_UNAVAILABLE("mode-unavailable", "Session mode unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SESSIONS_AT_CAPACITY("sessions-at-capacity", "Too many live sessions", HttpStatus.SERVICE_UNAVAILABLE),
    REVOCATION_UNAVAILABLE("revocation-unavailable", "Revocation unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SHARED_STATE_UNAVAILABLE("shared-state-unavailable", "Shared state unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    BROKER_BUSY("broker-busy", "Broker busy", HttpStatus.SERVICE_UNAVAILABLE),
    GOTRUE_UNAVAILABLE("gotrue-unavailable", "Identity service unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private static final String URI_PREFIX = "urn:anon-broker:problem:";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
