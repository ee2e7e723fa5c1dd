package dev.anonbroker.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/**
 * A body whose {@code Content-Encoding} (gzip, deflate) does not match its bytes is the caller's mistake: 400
 * {@code malformed-request}, not the 500 (and the logged stack trace) it was without this handler.
 */
@Produces
@Singleton
@Requires(classes = {DecompressionException.class, ExceptionHandler.class})
final class BodyDecompressionExceptionHandler implements ExceptionHandler<DecompressionException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    BodyDecompressionExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DecompressionException exception) {
        return errorResponseProcessor.processResponse(ErrorContext.builder(request).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
}
