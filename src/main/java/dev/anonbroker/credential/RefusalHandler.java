package dev.anonbroker.credential;

import dev.anonbroker.problem.ProblemException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Renders micronaut-security's refusals ({@link AuthorizationException}, raised when no {@code @Secured} role of
 * the route matches) as the problem {@link Refusals} chooses, through the same rendering as every
 * {@link ProblemException}. It replaces {@link DefaultAuthorizationExceptionHandler}, which answers 403 to any
 * authenticated caller and joins the challenges of every scheme, whatever the endpoint takes.
 */
@Produces
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class RefusalHandler implements ExceptionHandler<AuthorizationException, HttpResponse<?>> {

    private final ExceptionHandler<ProblemException, HttpResponse<?>> problems;
    private final ErrorResponseProcessor<?> errorResponseProcessor;

    RefusalHandler(ExceptionHandler<ProblemException, HttpResponse<?>> problems,
                   ErrorResponseProcessor<?> errorResponseProcessor) {
        this.problems = problems;
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, AuthorizationException refused) {
        return Refusals.of(request).<HttpResponse<?>>map(problem -> problems.handle(request, problem))
                .orElseGet(() -> errorResponseProcessor.processResponse(ErrorContext.builder(request).cause(refused).build(),
                        HttpResponse.status(refused.isForbidden() ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED)));
    }
}
