package dev.anonbroker.shared;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.token.support.TestKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Two or more brokers in this JVM, each an embedded server on its own port, in front of one GoTrue emulator, signing
 * with one JWK set and sharing one Redis: what instances behind a load balancer look like.
 */
final class SharedBrokers implements AutoCloseable {

    private static final List<String> RATE_LIMIT_POLICIES = List.of("anon-session-per-ip", "anon-session-per-network",
            "exchange-per-ip", "exchange-per-network", "refresh-per-ip", "refresh-per-network", "mint-budget");

    private final GoTrueEmulator emulator;
    private final List<ApplicationContext> brokers = new ArrayList<>();

    private SharedBrokers(GoTrueEmulator emulator) {
        this.emulator = emulator;
    }

    /** {@code count} brokers on {@code redis}; {@code overrides} apply to each. */
    static SharedBrokers start(int count, RedisServer redis, Map<String, Object> overrides) {
        return start(redis, java.util.Collections.nCopies(count, overrides));
    }

    /** One broker on {@code redis} (none: null) per entry of {@code overrides}, with that entry's overrides. */
    static SharedBrokers start(RedisServer redis, List<Map<String, Object>> overrides) {
        SharedBrokers shared = new SharedBrokers(GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY)));
        String jwks = TestKeys.jwks(TestKeys.ec("shared-signing"));
        try {
            for (Map<String, Object> own : overrides) {
                Map<String, Object> properties = new HashMap<>(BrokerHarness.brokerProperties(shared.emulator));
                properties.put("broker.signing.jwks", jwks);
                if (redis != null) {
                    properties.put("redis.uri", redis.uri());
                }
                properties.putAll(own);
                shared.brokers.add(ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext());
            }
            return shared;
        } catch (RuntimeException failedStart) {
            shared.close();
            throw failedStart;
        }
    }

    GoTrueEmulator emulator() {
        return emulator;
    }

    ApplicationContext context(int broker) {
        return brokers.get(broker);
    }

    URI uri(int broker, String path) {
        return URI.create(brokers.get(broker).getBean(EmbeddedServer.class).getURL() + path);
    }

    HttpResponse<String> post(int broker, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(broker, path)).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return BrokerHarness.send(request.build());
    }

    HttpResponse<String> get(int broker, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(broker, path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return BrokerHarness.send(request.build());
    }

    HttpResponse<String> getManagement(int broker, String path) {
        return BrokerHarness.send(HttpRequest.newBuilder(BrokerHarness.managementUri(brokers.get(broker), path))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Closes the brokers, then their Redis; either may be null (a start that failed part way). */
    static void closeAll(SharedBrokers brokers, RedisServer redis) {
        if (brokers != null) {
            brokers.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Broker properties that switch the rate limits on with {@code limits} (policy name to limit) and every other off. */
    static Map<String, Object> onlyRateLimits(Map<String, String> limits) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.rate-limit.enabled", true);
        for (String policy : RATE_LIMIT_POLICIES) {
            properties.put("broker.rate-limit." + policy, limits.getOrDefault(policy, "off"));
        }
        return properties;
    }

    @Override
    public void close() {
        brokers.forEach(ApplicationContext::close);
        emulator.close();
    }
}
