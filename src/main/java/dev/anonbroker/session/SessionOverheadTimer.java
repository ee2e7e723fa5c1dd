package dev.anonbroker.session;

import dev.anonbroker.gotrue.GoTrueTime;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code broker.session.overhead}: what the broker itself adds to a successful {@code POST /anon-session} or
 * {@code /exchange}, from the request's first filter to its response, minus the time spent waiting for GoTrue on its
 * path ({@link GoTrueTime}). Published as a histogram, so that percentiles can be taken over any interval.
 */
@Context // its histogram exists from the start, not from the first session request
@Filter(value = {"/anon-session", "/anon-session/exchange"}, methods = HttpMethod.POST)
final class SessionOverheadTimer implements HttpServerFilter {

    private final Timer anonSession;
    private final Timer exchange;

    SessionOverheadTimer(MeterRegistry registry) {
        this.anonSession = timer(registry, "anon-session");
        this.exchange = timer(registry, "exchange");
    }

    private static Timer timer(MeterRegistry registry, String path) {
        return Timer.builder("broker.session.overhead")
                .description("server time of a successful session request minus its time waiting for GoTrue")
                .tag("path", path)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long started = System.nanoTime();
        GoTrueTime.track(request);
        Timer timer = request.getPath().endsWith("/exchange") ? exchange : anonSession;
        return Flux.from(chain.proceed(request)).doOnNext(response -> {
            if (response.status() == HttpStatus.OK) {
                long overhead = System.nanoTime() - started - GoTrueTime.nanos(request);
                timer.record(Math.max(0, overhead), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Before every other filter, the origin check included, so that the whole server side is timed. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
