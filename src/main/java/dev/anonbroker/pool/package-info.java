/**
 * The warm pool ({@code broker.pool.*}): throwaway users made and proven ahead of demand, handed out once each by
 * {@link dev.anonbroker.pool.WarmPool#claim()}, refilled in the background within GoTrue's limits, retired before
 * they go stale, and deleted at shutdown. It makes members through {@link dev.anonbroker.pool.MemberProvisioner},
 * which {@code session/} implements, and hands every user it gives up to the deletion queue. It imports nothing of
 * {@code session/}. A claim never calls GoTrue and never blocks; nothing here logs a token or password, and the pool
 * holds neither.
 */
package dev.anonbroker.pool;
