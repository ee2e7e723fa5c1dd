package dev.anonbroker.gate.captcha;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpClientRegistry;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The one place where the HTTP client for the captcha provider's siteverify API is made. It connects and reads within
 * {@code broker.captcha.timeout}, follows no redirect (a redirect would carry the secret somewhere the operator did not
 * configure), and keeps Micronaut's default client logger, which {@code logback.xml} pins at INFO so that its TRACE
 * output (request bodies, i.e. the secret and the visitor's token) is never written. Built by Micronaut's client
 * registry, which shares the application's event loop and closes the client on shutdown.
 */
@Factory
final class SiteverifyHttpClientFactory {

    /** Bean name of the siteverify HTTP client. */
    static final String NAME = "siteverify";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    HttpClient siteverifyHttpClient(CaptchaConfiguration configuration, HttpClientRegistry<HttpClient> registry,
                                    BeanContext beanContext) {
        return registry.resolveClient(null, null, clientConfiguration(configuration), beanContext);
    }

    static HttpClientConfiguration clientConfiguration(CaptchaConfiguration configuration) {
        DefaultHttpClientConfiguration client = new DefaultHttpClientConfiguration();
        client.setConnectTimeout(configuration.timeout());
        client.setReadTimeout(configuration.timeout());
        client.setFollowRedirects(false);
        return client;
    }
}
