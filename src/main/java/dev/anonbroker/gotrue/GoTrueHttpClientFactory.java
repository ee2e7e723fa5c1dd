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
 * The one place where the broker's HTTP clients for GoTrue are made: base URL, timeouts and bounded pools all come
 * from {@link GoTrueConfiguration}. Two clients, one per {@link GoTruePurpose}: visitors on
 * {@code broker.gotrue.max-connections}, clean-up (deletions, sweep, health) on its own reserved
 * {@code broker.gotrue.cleanup-connections}. Neither follows redirects: Micronaut's client would copy
 * {@code Authorization} and {@code apikey} to whatever host {@code Location} names. The clients are built by
 * Micronaut's client registry, so they share the application's event loop and codecs.
 */
@Factory
final class GoTrueHttpClientFactory {

    /** Bean name of the visitors' GoTrue HTTP client. */
    static final String NAME = "gotrue";
    /** Bean name of the clean-up GoTrue HTTP client, on its reserved pool. */
    static final String CLEANUP_NAME = "gotrue-cleanup";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    HttpClient goTrueHttpClient(GoTrueConfiguration configuration, HttpClientRegistry<HttpClient> registry,
                                BeanContext beanContext) {
        return client(configuration, configuration.maxConnections(), registry, beanContext);
    }

    @Singleton
    @Named(CLEANUP_NAME)
    @Bean(preDestroy = "close")
    HttpClient goTrueCleanupHttpClient(GoTrueConfiguration configuration, HttpClientRegistry<HttpClient> registry,
                                       BeanContext beanContext) {
        return client(configuration, configuration.cleanupConnections(), registry, beanContext);
    }

    private static HttpClient client(GoTrueConfiguration configuration, int connections,
                                     HttpClientRegistry<HttpClient> registry, BeanContext beanContext) {
        URI baseUrl = baseUrl(configuration.url());
        GoTrueUrlPolicy.check(baseUrl.toString(), configuration.allowInsecureHttp());
        return registry.resolveClient(null, LoadBalancer.fixed(baseUrl),
                clientConfiguration(configuration, connections), beanContext);
    }

    static HttpClientConfiguration clientConfiguration(GoTrueConfiguration configuration, int connections) {
        DefaultHttpClientConfiguration client = new DefaultHttpClientConfiguration();
        client.setConnectTimeout(configuration.connectTimeout());
        client.setReadTimeout(configuration.readTimeout());
        client.setFollowRedirects(false);
        HttpClientConfiguration.ConnectionPoolConfiguration pool = client.getConnectionPoolConfiguration();
        pool.setEnabled(true);
        pool.setMaxConcurrentHttp1Connections(connections);
        pool.setMaxConcurrentHttp2Connections(1);
        pool.setMaxPendingAcquires(connections * 4);
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
