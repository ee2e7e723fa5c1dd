/**
 * The deletion queue: deletes each throwaway user soon after its broker token was minted, off the request path,
 * with retries, backoff with jitter, bounded concurrency and a bounded drain at shutdown. It owns Caffeine.
 * It must never fail the request that enqueued a user, and never delete a user it was not handed.
 *
 * <p>It also keeps the revoked sessions of {@code token/}'s {@link dev.anonbroker.token.RevocationList} in a Caffeine
 * cache whose entries expire with their session; that list must never forget a session before its tokens expire.
 */
package dev.anonbroker.cleanup;
