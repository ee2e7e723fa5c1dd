package dev.anonbroker.session;

import java.util.Map;

/**
 * The GoTrue user behind an access token a frontend presented for exchange, as GoTrue vouches for it.
 */
record PresentedUser(String id, String email, boolean anonymous, Map<String, Object> userMetadata) {
}
