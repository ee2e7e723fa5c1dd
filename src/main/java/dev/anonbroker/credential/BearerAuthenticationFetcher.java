package dev.anonbroker.credential;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * micronaut-security's bearer authentication, unchanged but for one collaborator: it publishes no
 * {@code TokenValidatedEvent}. That event carries the token as its source, and Micronaut's event publisher logs every
 * event it publishes at DEBUG, token included. Nothing in the broker listens to it.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
final class BearerAuthenticationFetcher extends TokenAuthenticationFetcher {

    BearerAuthenticationFetcher(List<TokenValidator<HttpRequest<?>>> tokenValidators,
                                TokenResolver<HttpRequest<?>> tokenResolver, HttpHostResolver httpHostResolver,
                                HttpLocaleResolver httpLocaleResolver) {
        super(tokenValidators, tokenResolver, ApplicationEventPublisher.noOp(), httpHostResolver, httpLocaleResolver);
    }
}
