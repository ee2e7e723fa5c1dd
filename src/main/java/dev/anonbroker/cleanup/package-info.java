/**
 * The deletion queue: deletes each throwaway user soon after its broker token was minted, off the request path,
 * with retries, backoff with jitter, bounded concurrency and a bounded drain at shutdown. It owns Caffeine.
 * It must never fail the request that enqueued a user, and never delete a user it was not handed.
 */
package dev.anonbroker.cleanup;
