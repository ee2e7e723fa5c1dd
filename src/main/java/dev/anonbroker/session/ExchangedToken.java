package dev.anonbroker.session;

import java.time.Instant;

/**
 * A GoTrue access token presented for exchange, as the single-use memory sees it.
 *
 * @param contentKey what the token says, the same for every spelling of it
 * @param expiresAt  its {@code exp}
 */
record ExchangedToken(String contentKey, Instant expiresAt) {
}
