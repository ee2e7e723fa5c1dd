package dev.anonbroker.credential;

import io.micronaut.http.HttpRequest;

import java.util.Optional;

/**
 * A token (a broker token, or a GoTrue access token verified locally) was refused, with the reason. The message is
 * safe for callers: it names the kind of token and the reason, never the token itself.
 */
public final class InvalidTokenException extends RuntimeException {

    /** Why a token was refused. */
    public enum Reason {
        /** Not a compact JWS, or claims missing or of the wrong type. */
        MALFORMED("is malformed"),
        /** The signature does not match the key. */
        BAD_SIGNATURE("has an invalid signature"),
        /** No accepted key has the token's {@code kid} and fits its {@code alg}. */
        UNKNOWN_KEY("was signed by an unknown key"),
        /** {@code alg} is {@code none}, not allowed, or the header has critical parameters. */
        WRONG_ALGORITHM("uses an algorithm that is not accepted"),
        /** {@code typ} is not the expected one ({@code at+jwt} for broker tokens). */
        WRONG_TYPE("is not of the expected type"),
        WRONG_ISSUER("was issued by someone else"),
        WRONG_AUDIENCE("is not meant for an accepted audience"),
        /** The {@code role} is not the one the issuer gives the users it vouches for (GoTrue tokens). */
        WRONG_ROLE("carries a role that is not accepted"),
        /** The {@code sub} is not the user the caller expected. */
        WRONG_SUBJECT("belongs to another user"),
        EXPIRED("has expired"),
        NOT_YET_VALID("is not valid yet");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final String ATTRIBUTE = "anon-broker.rejected-bearer";

    private final Reason reason;

    /**
     * @param kind what was refused, as callers name it: "broker token", "GoTrue token"
     */
    public InvalidTokenException(String kind, Reason reason) {
        this(kind, reason, null);
    }

    public InvalidTokenException(String kind, Reason reason, Throwable cause) {
        super("the " + kind + " " + reason.description(), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * Keeps this refusal on the request: a token validator can only answer "no authentication", so the reason would
     * be lost by the time micronaut-security refuses the request; {@link Refusals} reads it back for the 401.
     */
    public void recordOn(HttpRequest<?> request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The refusal {@link #recordOn recorded} on this request, if any. */
    static Optional<InvalidTokenException> recordedOn(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, InvalidTokenException.class);
    }
}
