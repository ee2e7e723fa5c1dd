package dev.anonbroker.gotrue;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The circuit breaker around every GoTrue call (resilience4j, used programmatically). It counts GoTrue's failures
 * (5xx, timeouts, unreachable, redirects) and slow calls in a time window; GoTrue's 4xx answers, 429 included, are
 * answers and count as successes. Open, it refuses calls at once with {@link GoTrueException.Kind#CIRCUIT_OPEN},
 * whose {@code retryAfter} is the time until it lets probes through; half-open, the probes decide.
 *
 * <p>One breaker per {@link GoTruePurpose}: a failing admin API (deletions, sweep) must not stop visitors' mints,
 * and failing sign-ups must not stop the clean-up. Metrics, tagged {@code purpose}: gauge
 * {@code broker.gotrue.circuit.state} (0 closed, 1 open, 2 half-open) and counter
 * {@code broker.gotrue.circuit.not.permitted}.
 */
@Singleton
public final class GoTrueCircuit {

    private static final Logger LOG = LoggerFactory.getLogger(GoTrueCircuit.class);

    private static final Set<GoTrueException.Kind> FAILURES = Set.of(GoTrueException.Kind.SERVER_ERROR,
            GoTrueException.Kind.TIMEOUT, GoTrueException.Kind.UNREACHABLE);

    private final GoTrueCircuitConfiguration configuration;
    private final Map<GoTruePurpose, Breaker> breakers = new EnumMap<>(GoTruePurpose.class);

    /** One purpose's breaker, its refusal counter and when it last opened. */
    private record Breaker(CircuitBreaker breaker, Counter notPermitted, AtomicLong openedAtNanos) {
    }

    GoTrueCircuit(GoTrueCircuitConfiguration configuration, MeterRegistry meters) {
        this.configuration = configuration;
        for (GoTruePurpose purpose : GoTruePurpose.values()) {
            String tag = purpose.name().toLowerCase(Locale.ROOT);
            CircuitBreaker breaker = CircuitBreaker.of("gotrue-" + tag, breakerConfig(configuration));
            AtomicLong openedAt = new AtomicLong();
            breaker.getEventPublisher().onStateTransition(event -> {
                CircuitBreaker.State to = event.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN) {
                    openedAt.set(System.nanoTime());
                    LOG.warn("GoTrue circuit breaker for {} calls opened: refusing them for {}", tag,
                            configuration.waitInOpen());
                } else if (to == CircuitBreaker.State.CLOSED || to == CircuitBreaker.State.HALF_OPEN) {
                    LOG.info("GoTrue circuit breaker for {} calls is {}", tag, to == CircuitBreaker.State.CLOSED
                            ? "closed again" : "half-open: probing GoTrue");
                }
            });
            Gauge.builder("broker.gotrue.circuit.state", () -> stateCode(state(purpose))).tag("purpose", tag)
                    .description("GoTrue circuit breaker: 0 closed, 1 open, 2 half-open").register(meters);
            Counter notPermitted = Counter.builder("broker.gotrue.circuit.not.permitted").tag("purpose", tag)
                    .description("GoTrue calls the open circuit breaker refused without sending").register(meters);
            breakers.put(purpose, new Breaker(breaker, notPermitted, openedAt));
        }
    }

    private static CircuitBreakerConfig breakerConfig(GoTrueCircuitConfiguration c) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) c.slidingWindow().toSeconds())
                .minimumNumberOfCalls(c.minimumCalls())
                .failureRateThreshold(c.failureRateThreshold())
                .slowCallDurationThreshold(c.slowCallDuration())
                .slowCallRateThreshold(c.slowCallRateThreshold())
                .waitDurationInOpenState(c.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(c.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(error -> error instanceof GoTrueException e && FAILURES.contains(e.kind()))
                .build();
    }

    /** Runs {@code call} through the breaker; refused at once with {@code CIRCUIT_OPEN} while it is open. */
    <T> T call(String operation, GoTruePurpose purpose, Supplier<T> call) {
        if (!configuration.enabled()) {
            return call.get();
        }
        Breaker breaker = breakers.get(purpose);
        try {
            return breaker.breaker().executeSupplier(call);
        } catch (CallNotPermittedException e) {
            breaker.notPermitted().increment();
            throw new GoTrueException(GoTrueException.Kind.CIRCUIT_OPEN, operation, 0, null,
                    untilProbes(breaker.openedAtNanos().get()), null);
        }
    }

    /** The visitors' (minting) breaker: {@code closed}, {@code open} or {@code half_open} (or {@code disabled}). */
    public String state() {
        return state(GoTruePurpose.VISITOR);
    }

    String state(GoTruePurpose purpose) {
        if (!configuration.enabled()) {
            return "disabled";
        }
        return switch (breakers.get(purpose).breaker().getState()) {
            case OPEN, FORCED_OPEN -> "open";
            case HALF_OPEN -> "half_open";
            default -> "closed";
        };
    }

    private static double stateCode(String state) {
        return switch (state) {
            case "open" -> 1;
            case "half_open" -> 2;
            default -> 0;
        };
    }

    /** Time until half-open; at least a second, since half-open refuses only while its probes are out. */
    private Duration untilProbes(long openedAtNanos) {
        Duration left = configuration.waitInOpen().minusNanos(System.nanoTime() - openedAtNanos);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    @PreDestroy
    void close() {
        breakers.values().forEach(b -> b.breaker().transitionToDisabledState());
    }
}
