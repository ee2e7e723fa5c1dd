package dev.anonbroker.token;

import java.time.Instant;

/**
 * A freshly signed broker token.
 *
 * @param token     the compact JWS
 * @param jti       its {@code jti}
 * @param expiresAt its {@code exp}
 * @param expiresIn seconds from minting to {@code exp}, for {@code expires_in}
 */
public record MintedToken(String token, String jti, Instant expiresAt, long expiresIn) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "MintedToken[jti=" + jti + ", expiresAt=" + expiresAt + "]";
    }
}
