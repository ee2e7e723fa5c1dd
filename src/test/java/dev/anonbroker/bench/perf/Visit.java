package dev.anonbroker.bench.perf;

import java.time.Duration;

/** One visitor's whole interaction, as the visitor waits for it; {@link Outcome} says how it ended. */
@FunctionalInterface
interface Visit {

    Outcome run() throws Exception;

    /** The last HTTP status of the visit (200: success) and the {@code Retry-After} of a refusal, or zero. */
    record Outcome(int status, Duration retryAfter) {

        static Outcome of(java.net.http.HttpResponse<?> response) {
            Duration wait = response.headers().firstValue("Retry-After")
                    .map(value -> parseSeconds(value)).orElse(Duration.ZERO);
            return new Outcome(response.statusCode(), wait);
        }

        boolean succeeded() {
            return status == 200;
        }

        private static Duration parseSeconds(String value) {
            try {
                return Duration.ofSeconds(Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                return Duration.ZERO;
            }
        }
    }
}
