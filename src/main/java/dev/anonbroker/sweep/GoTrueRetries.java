package dev.anonbroker.sweep;

import dev.anonbroker.cleanup.DeletionRetryPolicy;
import dev.anonbroker.gotrue.GoTrueException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one GoTrue call of the sweep under the deletion queue's retry policy ({@link DeletionRetryPolicy}): a 5xx,
 * timeout or unreachable GoTrue is tried again after the policy's backoff, up to its attempts. A 429 is not retried
 * here: the whole run stops and honours {@code Retry-After}. Other refusals are not transient and are not retried.
 * The sweep runs on its own scheduler thread, so waiting here blocks no request.
 */
@Singleton
final class GoTrueRetries {

    private final DeletionRetryPolicy policy;

    GoTrueRetries(DeletionRetryPolicy policy) {
        this.policy = policy;
    }

    <T> T call(SweepRun run, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (GoTrueException failure) {
                run.failedCall();
                if (!worthRetrying(failure) || !policy.mayRetryAfter(attempt)) {
                    throw failure;
                }
                pause(policy.waitAfter(attempt, failure.retryAfter().orElse(null)), failure);
            }
        }
    }

    private static boolean worthRetrying(GoTrueException failure) {
        return failure.isTransient() && failure.kind() != GoTrueException.Kind.RATE_LIMITED;
    }

    private static void pause(Duration wait, GoTrueException failure) {
        try {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        } catch (InterruptedException shuttingDown) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
