package dev.anonbroker.emulator;

/**
 * Why a JWT was refused, with the messages of golang-jwt v4 (netlify) and v5 (supabase), which GoTrue quotes.
 */
final class JwtException extends RuntimeException {

    enum Kind { SEGMENTS, MALFORMED, METHOD, SIGNATURE, EXPIRED, NOT_YET_VALID }

    final Kind kind;
    private final long expiredBySeconds;
    private final String detail;

    JwtException(Kind kind, long expiredBySeconds, String detail) {
        super(kind.name(), null, false, false);
        this.kind = kind;
        this.expiredBySeconds = expiredBySeconds;
        this.detail = detail;
    }

    /** golang-jwt v4, as netlify/gotrue reports it after {@code Invalid token: }. */
    String v4Message() {
        return switch (kind) {
            case SEGMENTS -> "token contains an invalid number of segments";
            case MALFORMED -> detail;
            case METHOD -> "signing method " + detail + " is invalid";
            case SIGNATURE -> "signature is invalid";
            case EXPIRED -> "token is expired by " + Times.goDuration(expiredBySeconds);
            case NOT_YET_VALID -> "token is not valid yet";
        };
    }

    /** golang-jwt v5, as supabase/auth reports it after {@code invalid JWT: unable to parse or verify signature, }. */
    String v5Message() {
        return switch (kind) {
            case SEGMENTS -> "token is malformed: token contains an invalid number of segments";
            case MALFORMED -> "token is malformed: " + detail;
            case METHOD -> "token signature is invalid: signing method " + detail + " is invalid";
            case SIGNATURE -> "token signature is invalid: signature is invalid";
            case EXPIRED -> "token has invalid claims: token is expired";
            case NOT_YET_VALID -> "token has invalid claims: token is not valid yet";
        };
    }
}
