package dev.anonbroker.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException;
import jakarta.inject.Singleton;

/**
 * A form body Netty cannot decode (broken percent-encoding such as {@code token=%zz}) is the caller's mistake: 400
 * {@code malformed-request}. Without this handler it was a 500, and the framework logged the exception, whose
 * message quotes the body, which may hold a token.
 */
@Produces
@Singleton
@Requires(classes = {ErrorDataDecoderException.class, ExceptionHandler.class})
final class FormDecodingExceptionHandler implements ExceptionHandler<ErrorDataDecoderException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> errorResponseProcessor;

    FormDecodingExceptionHandler(ErrorResponseProcessor<?> errorResponseProcessor) {
        this.errorResponseProcessor = errorResponseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ErrorDataDecoderException exception) {
        return errorResponseProcessor.processResponse(ErrorContext.builder(request).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }
}
