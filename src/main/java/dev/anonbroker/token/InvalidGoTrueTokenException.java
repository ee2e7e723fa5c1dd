package dev.anonbroker.token;

/**
 * A GoTrue access token was refused, with the reason. The message never contains the token.
 */
public final class InvalidGoTrueTokenException extends RuntimeException {

    /** Why a GoTrue access token was refused. */
    public enum Reason {
        MALFORMED("the GoTrue token is malformed"),
        /** {@code alg} is anything but HS256, or the header has critical parameters. */
        WRONG_ALGORITHM("the GoTrue token's algorithm is not HS256"),
        BAD_SIGNATURE("the GoTrue token's signature is invalid"),
        EXPIRED("the GoTrue token has expired"),
        WRONG_SUBJECT("the GoTrue token belongs to another user");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public InvalidGoTrueTokenException(Reason reason) {
        this(reason, null);
    }

    public InvalidGoTrueTokenException(Reason reason, Throwable cause) {
        super(reason.description(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
