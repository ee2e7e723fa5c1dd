/**
 * State that several broker instances share through Redis when {@code redis.uri} is set, and keep in memory when it
 * is not. So far: the single-use sets ({@link dev.anonbroker.shared.SingleUseSets}). Rate limits, refresh tokens,
 * revocations and the deletion queue are still per process (see the guide's scale-out page).
 */
package dev.anonbroker.shared;
