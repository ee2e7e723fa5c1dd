package dev.anonbroker.token;

/**
 * The session is older than {@code broker.max-session-age}: no further token is minted for it.
 */
public final class SessionExpiredException extends RuntimeException {

    public SessionExpiredException(String sessionId) {
        super("session " + sessionId + " has reached broker.max-session-age");
    }
}
