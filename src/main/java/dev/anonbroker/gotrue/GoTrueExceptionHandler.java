package dev.anonbroker.gotrue;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Maps a {@link GoTrueException} that reached a controller to a problem: GoTrue's per-visitor 429 becomes our 429,
 * everything else a 503 with {@code Retry-After}. GoTrue's body never reaches the caller.
 */
@Produces
@Singleton
final class GoTrueExceptionHandler implements ExceptionHandler<GoTrueException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(GoTrueExceptionHandler.class);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(60);

    private final ExceptionHandler<ProblemException, HttpResponse<?>> problems;

    GoTrueExceptionHandler(ExceptionHandler<ProblemException, HttpResponse<?>> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, GoTrueException exception) {
        LOG.warn("{} while handling {} {}", exception.getMessage(), request.getMethod(), request.getPath());
        return problems.handle(request, toProblem(exception));
    }

    static ProblemException toProblem(GoTrueException exception) {
        return switch (exception.kind()) {
            case RATE_LIMITED -> ProblemException.retryLater(ProblemType.RATE_LIMITED,
                    "The identity service is rate limiting requests from this client. Try again later.",
                    exception.retryAfter().orElse(RATE_LIMIT_RETRY_AFTER).toSeconds(), exception);
            case REJECTED -> ProblemException.retryLater(ProblemType.GOTRUE_UNAVAILABLE,
                    "The identity service refused the request. The broker's operator should check its GoTrue settings.",
                    DEFAULT_RETRY_AFTER.toSeconds(), exception);
            case CIRCUIT_OPEN -> ProblemException.retryLater(ProblemType.GOTRUE_UNAVAILABLE,
                    "The identity service has been failing; the broker is not calling it for a moment. Try again later.",
                    wholeSecondsUp(exception.retryAfter().orElse(DEFAULT_RETRY_AFTER)), exception);
            case TIMEOUT -> ProblemException.retryLater(ProblemType.GOTRUE_UNAVAILABLE,
                    "The identity service did not answer in time. Try again later.",
                    exception.retryAfter().orElse(DEFAULT_RETRY_AFTER).toSeconds(), exception);
            default -> ProblemException.retryLater(ProblemType.GOTRUE_UNAVAILABLE,
                    "The identity service is unreachable or failing. Try again later.",
                    exception.retryAfter().orElse(DEFAULT_RETRY_AFTER).toSeconds(), exception);
        };
    }

    /** Retry-After in whole seconds, rounded up so that a retry never arrives before the circuit lets probes through. */
    private static long wholeSecondsUp(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
