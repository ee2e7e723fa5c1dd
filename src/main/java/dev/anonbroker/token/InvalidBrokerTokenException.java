package dev.anonbroker.token;

/**
 * A broker token was refused, with the reason. The message is safe for callers: it never contains the token.
 */
public final class InvalidBrokerTokenException extends RuntimeException {

    /** Why a broker token was refused. */
    public enum Reason {
        /** Not a compact JWS, or claims missing or of the wrong type. */
        MALFORMED("the token is malformed"),
        /** The signature does not match the key named by {@code kid}. */
        BAD_SIGNATURE("the token's signature is invalid"),
        /** No configured key has the token's {@code kid} and fits its {@code alg}. */
        UNKNOWN_KEY("the token was signed by an unknown key"),
        /** {@code alg} is {@code none} or not the algorithm of any configured key. */
        WRONG_ALGORITHM("the token's algorithm is not accepted"),
        /** {@code typ} is not {@code at+jwt}. */
        WRONG_TYPE("the token is not a broker access token"),
        WRONG_ISSUER("the token was issued by someone else"),
        WRONG_AUDIENCE("the token is not meant for an accepted audience"),
        EXPIRED("the token has expired"),
        NOT_YET_VALID("the token is not valid yet");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public InvalidBrokerTokenException(Reason reason) {
        this(reason, null);
    }

    public InvalidBrokerTokenException(Reason reason, Throwable cause) {
        super(reason.description(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
