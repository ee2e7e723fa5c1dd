package dev.anonbroker.gate.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.Nothing;
import io.github.bucket4j.VerboseResult;

import java.time.Duration;

/**
 * Every per-IP and per-network bucket, in one Caffeine cache bounded to {@code max-tracked-keys} entries, so memory
 * stays bounded however many addresses arrive.
 *
 * <p>An entry expires exactly when its bucket would be full again: a full bucket and a missing one behave the same
 * (a missing one is created full), so dropping it then loses nothing. The time until full is Bucket4j's own figure
 * ({@link ConsumptionProbe#getNanosToWaitForReset()}), taken inside {@code asMap().compute(...)} together with the
 * consumption, so the entry's expiry is recomputed atomically with every change of its bucket.
 *
 * <p>When the cache is full, Caffeine evicts an entry (W-TinyLFU: rarely used keys first). An evicted bucket starts
 * full again, so eviction can only ever admit more, never refuse a visitor who would otherwise pass.
 *
 * <p>Maintenance (eviction, removal of expired entries) runs on the calling thread rather than a pool, so a flood of
 * new keys pays for its own evictions and the bound holds while the flood lasts.
 */
final class TrackedBuckets {

    /** A bucket's key: the policy's name and the IP or network it counts. */
    record Key(String policy, String subject) {
    }

    private record Tracked(Bucket bucket, long nanosUntilFull) {
    }

    private final Cache<Key, Tracked> cache;
    private final ClockTime time;

    TrackedBuckets(int maxTrackedKeys, ClockTime time) {
        this.time = time;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxTrackedKeys)
                .expireAfter(Expiry.writing((Key key, Tracked tracked) -> Duration.ofNanos(tracked.nanosUntilFull())))
                .ticker(time)
                .executor(Runnable::run)
                .build();
    }

    /** Takes one token from {@code subject}'s bucket of {@code policy}, or says how long until one is there. */
    ConsumptionProbe take(Policy policy, String subject) {
        ConsumptionProbe[] probe = new ConsumptionProbe[1];
        cache.asMap().compute(new Key(policy.name(), subject), (key, tracked) -> {
            Bucket bucket = tracked == null ? policy.keyedBucket(time) : tracked.bucket();
            probe[0] = bucket.tryConsumeAndReturnRemaining(1);
            return new Tracked(bucket, probe[0].getNanosToWaitForReset());
        });
        return probe[0];
    }

    /**
     * How long until {@code subject}'s bucket of {@code policy} has a token: 0 when it has one now, or has no bucket
     * (which means a full one). Takes nothing and creates no bucket, so a request this refuses leaves the cache as it
     * was. The entry's expiry is recomputed from the bucket's state, like on every other access.
     */
    long nanosUntilToken(Policy policy, String subject) {
        long[] wait = new long[1];
        cache.asMap().computeIfPresent(new Key(policy.name(), subject), (key, tracked) -> {
            VerboseResult<EstimationProbe> estimate = tracked.bucket().asVerbose().estimateAbilityToConsume(1);
            wait[0] = estimate.getValue().canBeConsumed() ? 0 : estimate.getValue().getNanosToWaitForRefill();
            long untilFull = estimate.getState().calculateFullRefillingTime(estimate.getOperationTimeNanos());
            return new Tracked(tracked.bucket(), untilFull);
        });
        return wait[0];
    }

    /**
     * Returns the token {@link #take} took, for a request a later limit refused. A bucket evicted in between is left
     * alone: it would start full anyway.
     */
    void giveBack(Policy policy, String subject) {
        cache.asMap().computeIfPresent(new Key(policy.name(), subject), (key, tracked) -> {
            VerboseResult<Nothing> added = tracked.bucket().asVerbose().addTokens(1);
            long untilFull = added.getState().calculateFullRefillingTime(added.getOperationTimeNanos());
            return new Tracked(tracked.bucket(), untilFull);
        });
    }

    /** The number of buckets held, after removing those that expired or are over the bound. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Whether {@code subject} has a bucket of {@code policy}, i.e. a bucket that is not full. */
    boolean tracks(String policy, String subject) {
        return cache.getIfPresent(new Key(policy, subject)) != null;
    }
}
