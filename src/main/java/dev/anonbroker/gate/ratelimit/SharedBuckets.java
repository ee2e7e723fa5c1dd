package dev.anonbroker.gate.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import java.util.Optional;
import java.util.function.Function;

/**
 * Buckets that several broker instances share (in Redis when {@code redis.uri} is set). Without an implementation,
 * or while it fails, {@link RateLimitGate} counts in this process's own buckets.
 */
public interface SharedBuckets {

    /**
     * Runs {@code operation} on the shared bucket of {@code subject} under {@code policy}, created with
     * {@code configuration} (full) when it does not exist.
     *
     * @return the operation's result, or empty when the shared store did not answer (the implementation logs and
     *         counts that); the caller then falls back to its local bucket
     */
    <T> Optional<T> apply(String policy, String subject, BucketConfiguration configuration,
                          Function<Bucket, T> operation);
}
