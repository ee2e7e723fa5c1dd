package dev.anonbroker.session;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bulkhead for the endpoints that call GoTrue ({@code /anon-session} and {@code /exchange}; a refresh makes no GoTrue
 * call and is never held up by a slow GoTrue): at most {@code broker.session-requests.max-concurrent} of their
 * requests in flight; the next one is refused with 503 {@code broker-busy} and {@code Retry-After} at once, so a
 * slow GoTrue can neither pile up threads on the unbounded blocking executor nor queue visitors without end.
 * A permit is held from the request's arrival (after the origin check) until its response or cancellation.
 */
@Context // its gauge exists from the start, not from the first session request
@Filter(value = {"/anon-session", "/anon-session/exchange"}, methods = HttpMethod.POST)
final class SessionBulkhead implements HttpServerFilter {

    private final Semaphore permits;
    private final int maxConcurrent;
    private final long retryAfterSeconds;
    private final Counter refusals;

    SessionBulkhead(SessionRequestsConfiguration configuration, MeterRegistry registry) {
        this.maxConcurrent = configuration.maxConcurrent();
        this.permits = new Semaphore(maxConcurrent);
        this.retryAfterSeconds = configuration.retryAfterSeconds();
        this.refusals = registry.counter("broker.session.requests.refused");
        Gauge.builder("broker.session.requests.in.flight", this, SessionBulkhead::inFlight)
                .description("requests to the session endpoints in flight").register(registry);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!permits.tryAcquire()) {
            refusals.increment();
            return Mono.error(ProblemException.retryLater(ProblemType.BROKER_BUSY,
                    "The broker is serving as many session requests as it may at once; try again shortly.",
                    retryAfterSeconds, null));
        }
        AtomicBoolean released = new AtomicBoolean();
        return Flux.from(chain.proceed(request)).doFinally(signal -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        });
    }

    private int inFlight() {
        return maxConcurrent - permits.availablePermits();
    }

    /** After the origin check, so that foreign origins and preflights take no permit; before security and gates. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
