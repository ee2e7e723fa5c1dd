/**
 * State that several broker instances share through Redis when {@code redis.uri} is set, and keep in memory when it
 * is not. So far: the single-use sets ({@link dev.anonbroker.shared.SingleUseSets}) and the revocation list
 * ({@link dev.anonbroker.shared.RedisRevocationList}); the refresh tokens' Redis store is in the session package
 * (RedisRefreshSessions, on {@link dev.anonbroker.shared.SharedRedis}); the rate-limit buckets
 * ({@link dev.anonbroker.shared.RedisRateLimitBuckets}). The deletion queue and the warm pool are still per process
 * (see the guide's scale-out page).
 */
package dev.anonbroker.shared;
