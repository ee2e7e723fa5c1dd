package dev.anonbroker.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The one place that turns any error, ours or the framework's (unknown route, bad JSON, body too large, wrong
 * method), into {@code application/problem+json}. Framework errors get the fixed problem of
 * {@link FrameworkProblems} for their status.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        Problem problem = context.getRootCause()
                .filter(ProblemException.class::isInstance)
                .map(ProblemException.class::cast)
                .map(e -> Problem.of(e.type(), e.detail()))
                .orElseGet(() -> FrameworkProblems.forStatus(response.code()));
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
