package dev.anonbroker.backend;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@link TokenForm} from an {@code application/x-www-form-urlencoded} body. The framework's form decoding
 * (Netty's {@code HttpPostStandardRequestDecoder}) builds an exception with a stack trace to end every body: a
 * profile of {@code /introspect} under load put 17 % of the broker's CPU there, more than the introspection itself.
 *
 * <p>Parameters other than {@code token} and {@code token_type_hint} are ignored; either of those twice is a 400
 * (RFC 6749 section 3.1: parameters must not be included more than once), as is broken percent-encoding. The
 * body is at most {@code micronaut.server.max-request-size}, which the server enforces before this runs.
 */
@Singleton
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
final class TokenFormReader implements MessageBodyReader<TokenForm> {

    @Override
    public TokenForm read(Argument<TokenForm> type, @Nullable MediaType mediaType, Headers httpHeaders,
                          InputStream inputStream) {
        try {
            return parse(new String(inputStream.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TokenForm read(Argument<TokenForm> type, @Nullable MediaType mediaType, Headers httpHeaders,
                          ByteBuffer<?> byteBuffer) {
        return parse(byteBuffer.toString(StandardCharsets.UTF_8));
    }

    static TokenForm parse(String body) {
        String token = null;
        String tokenTypeHint = null;
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.equals("token")) {
                token = once(name, token, value);
            } else if (name.equals("token_type_hint")) {
                tokenTypeHint = once(name, tokenTypeHint, value);
            }
        }
        return new TokenForm(token, tokenTypeHint);
    }

    private static String once(String name, @Nullable String earlier, String value) {
        if (earlier != null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The form parameter '" + name + "' must not be given more than once.");
        }
        return value;
    }

    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException brokenPercentEncoding) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The body is not valid application/x-www-form-urlencoded.");
        }
    }
}
