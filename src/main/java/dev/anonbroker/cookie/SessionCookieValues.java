package dev.anonbroker.cookie;

/**
 * What the two cookies of one token response carry, and for how long.
 *
 * @param accessToken           the broker token
 * @param accessMaxAgeSeconds   seconds until the broker token expires
 * @param refreshToken          the session's next refresh token
 * @param refreshMaxAgeSeconds  seconds until the session reaches its maximum age, after which no refresh succeeds
 */
public record SessionCookieValues(String accessToken, long accessMaxAgeSeconds, String refreshToken,
                                  long refreshMaxAgeSeconds) {

    /** Never prints a token. */
    @Override
    public String toString() {
        return "SessionCookieValues[accessMaxAgeSeconds=" + accessMaxAgeSeconds + ", refreshMaxAgeSeconds="
                + refreshMaxAgeSeconds + "]";
    }
}
