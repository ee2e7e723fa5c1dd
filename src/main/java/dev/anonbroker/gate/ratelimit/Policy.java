package dev.anonbroker.gate.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * A {@link Limit} under its name (the property's last segment, e.g. {@code anon-session-per-ip}), which is also the
 * policy's name in the {@code RateLimit-Policy} and {@code RateLimit} header fields and in problem details.
 *
 * <p>The bucket math is Bucket4j's: one {@link Bandwidth} of {@code capacity} tokens with a greedy refill of
 * {@code capacity} tokens per period, i.e. one token every {@code period / capacity}, not all at once at the end.
 *
 * @param name      the policy's name
 * @param limit     what it allows
 * @param bandwidth the limit as Bucket4j's bandwidth, built once and shared by every bucket of the policy
 * @param shared    the same bandwidth as the configuration of a bucket in {@link SharedBuckets}
 */
record Policy(String name, Limit limit, Bandwidth bandwidth, BucketConfiguration shared) {

    static Policy of(String name, Limit limit) {
        Bandwidth bandwidth = Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(limit.capacity(), limit.period()).id(name).build();
        return new Policy(name, limit, bandwidth, BucketConfiguration.builder().addLimit(bandwidth).build());
    }

    /**
     * A bucket for one key of the cache. Unsynchronised on purpose: {@link TrackedBuckets} only ever touches it inside
     * the cache's {@code compute}, which already holds the key's lock.
     */
    Bucket keyedBucket(TimeMeter time) {
        return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
    }

    /** The one bucket of a global policy, shared by every request thread: Bucket4j's lock-free bucket. */
    Bucket sharedBucket(TimeMeter time) {
        return Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE).build();
    }

    /**
     * {@code RateLimit-Policy: "anon-session-per-ip";q=30;w=600}, as in draft-ietf-httpapi-ratelimit-headers-11
     * (May 2026) section 3: a String item, {@code q} the quota, {@code w} the window in whole seconds.
     */
    String policyField() {
        return "\"" + name + "\";q=" + limit.capacity() + ";w=" + limit.periodSeconds();
    }

    /**
     * {@code RateLimit: "anon-session-per-ip";r=0;t=20} (the same draft, section 4): nothing left ({@code r=0}) for
     * the next {@code t} seconds, the same number as {@code Retry-After}, which section 6 wants no earlier than the end
     * of that window.
     */
    String exhaustedField(long retryAfterSeconds) {
        return "\"" + name + "\";r=0;t=" + retryAfterSeconds;
    }
}
