package dev.anonbroker.gotrue;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpClientRegistry;
import io.micronaut.http.client.LoadBalancer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one place where the broker's HTTP client for GoTrue is made: base URL, timeouts and a bounded pool all come
 * from {@link GoTrueConfiguration}. The client is built by Micronaut's client registry, so it shares the
 * application's event loop and codecs, and the registry closes it on shutdown.
 */
@Factory
final class GoTrueHttpClientFactory {

    /** Bean name of the GoTrue HTTP client. */
    static final String NAME = "gotrue";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    HttpClient goTrueHttpClient(GoTrueConfiguration configuration, HttpClientRegistry<HttpClient> registry,
                                BeanContext beanContext) {
        URI baseUrl = baseUrl(configuration.url());
        return registry.resolveClient(null, LoadBalancer.fixed(baseUrl), clientConfiguration(configuration), beanContext);
    }

    static HttpClientConfiguration clientConfiguration(GoTrueConfiguration configuration) {
        DefaultHttpClientConfiguration client = new DefaultHttpClientConfiguration();
        client.setConnectTimeout(configuration.connectTimeout());
        client.setReadTimeout(configuration.readTimeout());
        HttpClientConfiguration.ConnectionPoolConfiguration pool = client.getConnectionPoolConfiguration();
        pool.setEnabled(true);
        pool.setMaxConcurrentHttp1Connections(configuration.maxConnections());
        pool.setMaxConcurrentHttp2Connections(1);
        pool.setMaxPendingAcquires(configuration.maxConnections() * 4);
        pool.setAcquireTimeout(configuration.readTimeout());
        return client;
    }

    /**
     * The configured base URL without a trailing slash. Its path (e.g. {@code /.netlify/identity},
     * {@code /auth/v1}) becomes the client's context path and is kept on every call.
     */
    static URI baseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(GoTrueConfiguration.PREFIX + ".url is empty: set it to GoTrue's base URL"
                    + " (e.g. https://<site>/.netlify/identity or https://<ref>.supabase.co/auth/v1), or let the"
                    + " embedded emulator publish its URL before the GoTrue client is created");
        }
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalStateException(GoTrueConfiguration.PREFIX + ".url must be an absolute http(s) URL, got " + trimmed);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalStateException(GoTrueConfiguration.PREFIX + ".url must not carry a query or fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(GoTrueConfiguration.PREFIX + ".url is not a valid URL: " + e.getReason(), e);
        }
    }
}
