package dev.anonbroker.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * The one place that turns any error, ours or the framework's (unknown route, bad JSON, body too large, wrong
 * method), into {@code application/problem+json}. Framework messages are not passed on: they can echo input or
 * internals, so the caller gets a fixed detail per status instead.
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
                .orElseGet(() -> frameworkProblem(response.code()));
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static Problem frameworkProblem(int status) {
        ProblemType type = ProblemType.forStatus(status);
        return new Problem(type.uri(), type.title(), status, FrameworkDetails.forStatus(status));
    }
}
