package dev.anonbroker.session;

import java.util.Map;

/**
 * The GoTrue user behind an access token a frontend presented for exchange, as GoTrue vouches for it.
 *
 * @param current whether this is GoTrue's current record of the user ({@code GET /user}) rather than what a locally
 *                verified token said when it was issued
 * @param token   the presented token, for the single-use memory
 */
record PresentedUser(String id, String email, boolean anonymous, Map<String, Object> userMetadata, boolean current,
                     ExchangedToken token) {
}
