package dev.anonbroker.session;

/**
 * What a successful mint or refresh produced, before the controller renders it: in the body (bearer and DPoP) or in
 * cookies (cookie mode).
 *
 * @param accessToken          the broker token
 * @param tokenType            {@code Bearer}, or {@code DPoP} for a token bound to a key
 * @param expiresIn            seconds until the broker token expires
 * @param sessionId            the session's {@code sid}
 * @param refreshToken         the session's next refresh token
 * @param refreshExpiresIn     seconds until the session reaches {@code broker.max-session-age}
 */
record IssuedTokens(String accessToken, String tokenType, long expiresIn, String sessionId, String refreshToken,
                    long refreshExpiresIn) {

    /** Never prints a token. */
    @Override
    public String toString() {
        return "IssuedTokens[sessionId=" + sessionId + ", expiresIn=" + expiresIn + "]";
    }
}
