package dev.anonbroker.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fault rules by route prefix ({@code "POST /token"}, {@code "*"} for all); the longest matching prefix wins.
 * For a matching request it waits the latency, then draws drop, 429 and 500 in that order.
 */
final class FaultInjector {

    static final String ALL = "*";

    private final Map<String, FaultRule> rules = new ConcurrentHashMap<>();
    private final ErrorRenderer errors;

    FaultInjector(ErrorRenderer errors) {
        this.errors = errors;
    }

    void set(String routePrefix, FaultRule rule) {
        if (routePrefix == null || routePrefix.isEmpty()) {
            throw new IllegalArgumentException("route prefix must not be empty");
        }
        if (rule == null || rule.equals(FaultRule.NONE)) {
            rules.remove(routePrefix);
        } else {
            rules.put(routePrefix, rule);
        }
    }

    void clear() {
        rules.clear();
    }

    Map<String, FaultRule> snapshot() {
        return new TreeMap<>(rules);
    }

    Optional<FaultRule> ruleFor(String routeKey) {
        String best = null;
        for (String prefix : rules.keySet()) {
            boolean matches = ALL.equals(prefix) || routeKey.startsWith(prefix);
            if (matches && (best == null || length(prefix) > length(best))) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best == null ? null : rules.get(best));
    }

    /** Applies the matching rule: waits, then returns the faulty reply, or empty to let the request through. */
    Optional<Reply> apply(Call call) throws InterruptedException {
        Optional<FaultRule> rule = ruleFor(call.routeKey());
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        FaultRule fault = rule.get();
        Duration latency = fault.latency();
        if (latency != null && !latency.isZero() && !latency.isNegative()) {
            Thread.sleep(latency.toMillis());
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < fault.dropShare()) {
            return Optional.of(Reply.DROP);
        }
        if (random.nextDouble() < fault.rateLimitShare()) {
            ApiError error = errors.rateLimited();
            if (fault.retryAfter() != null) {
                error.header("Retry-After", Long.toString(Math.max(0, fault.retryAfter().toSeconds())));
            }
            return Optional.of(errors.render(error, call));
        }
        if (random.nextDouble() < fault.serverErrorShare()) {
            return Optional.of(errors.render(errors.serverError(), call));
        }
        return Optional.empty();
    }

    private static int length(String prefix) {
        return ALL.equals(prefix) ? 0 : prefix.length();
    }
}
