package dev.anonbroker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.EmulatorOptions;
import dev.anonbroker.emulator.GoTrueEmulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.RuntimeBeanDefinition;
import io.micronaut.management.endpoint.EndpointDefaultConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real broker on a random port in front of a real emulator, both over HTTP, for one test class or one test.
 * The broker is configured like production: only through {@code broker.*} properties.
 */
public final class BrokerHarness implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final GoTrueEmulator emulator;
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private BrokerHarness(GoTrueEmulator emulator, ApplicationContext context) {
        this.emulator = emulator;
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /** Emulator options for tests: fast bcrypt, free port, autoconfirm, the flavor, {@link TestSecrets}' secrets. */
    public static EmulatorOptions emulatorOptions(EmulatorFlavor flavor) {
        return emulatorOptions(flavor, TestSecrets.GOTRUE_JWT_SECRET).withOperatorToken(TestSecrets.OPERATOR_TOKEN);
    }

    /** Emulator options for tests: fast bcrypt, free port, autoconfirm, the flavor and JWT secret, no operator token. */
    public static EmulatorOptions emulatorOptions(EmulatorFlavor flavor, String jwtSecret) {
        return EmulatorOptions.defaults(flavor, jwtSecret).withPort(0).withBcryptCost(4);
    }

    /**
     * The admin credential for an emulator started with {@link #emulatorOptions}: its operator token (netlify) or a
     * {@code service_role} key signed with its JWT secret (supabase).
     */
    public static String adminToken(EmulatorFlavor flavor) {
        return flavor == EmulatorFlavor.SUPABASE
                ? TestTokens.supabaseServiceRole(TestSecrets.GOTRUE_JWT_SECRET) : TestSecrets.OPERATOR_TOKEN;
    }

    /**
     * Overrides for a broker that verifies GoTrue tokens via GoTrue ({@code GET /user}) because it has no JWT secret,
     * only {@link #adminToken}. A mutable map, to add more.
     */
    public static Map<String, Object> remoteVerification(EmulatorFlavor flavor) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.gotrue.jwt-secret", null);
        properties.put("broker.gotrue.admin-token", adminToken(flavor));
        return properties;
    }

    /** Broker properties pointing at the emulator, with the JWT secret as admin credential and a fast queue. */
    public static Map<String, Object> brokerProperties(GoTrueEmulator emulator) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        // below the ephemeral range, as application-test.yml does, so that benchmarks outside the test environment
        // (management port 8081 by default) can run beside each other and beside a broker on this machine
        properties.put("endpoints.all.port", ThreadLocalRandom.current().nextInt(20000, 32768));
        properties.put("broker.gotrue.url", emulator.baseUrl());
        properties.put("broker.gotrue.flavor", emulator.options().flavor().name().toLowerCase());
        properties.put("broker.gotrue.jwt-secret", emulator.options().jwtSecret());
        properties.put("broker.cleanup.initial-backoff", "20ms");
        properties.put("broker.cleanup.max-backoff", "200ms");
        return properties;
    }

    public static BrokerHarness start(EmulatorOptions emulatorOptions, Map<String, Object> overrides) {
        return start(emulatorOptions, overrides, null);
    }

    /**
     * A broker whose only {@link Clock} bean is {@code clock} (the test's own, for this broker alone), in place of the
     * system clock of {@code config/ClockFactory}; the system clock when {@code clock} is null. The emulator keeps
     * the system clock.
     */
    public static BrokerHarness start(EmulatorOptions emulatorOptions, Map<String, Object> overrides, Clock clock) {
        GoTrueEmulator emulator = GoTrueEmulator.start(emulatorOptions);
        Map<String, Object> properties = brokerProperties(emulator);
        properties.putAll(overrides);
        properties.values().removeIf(value -> value == null);
        ApplicationContextBuilder builder = ApplicationContext.builder().properties(properties);
        if (clock != null) {
            // A plain singletons(clock) would sit beside the system clock, and Micronaut 4.10 injects the latter.
            builder.beanDefinitions(RuntimeBeanDefinition.builder(Clock.class, () -> clock)
                    .singleton(true).replaces(Clock.class).build());
        }
        try {
            return new BrokerHarness(emulator, builder.run(EmbeddedServer.class).getApplicationContext());
        } catch (RuntimeException failedStart) {
            emulator.close();
            throw failedStart;
        }
    }

    public GoTrueEmulator emulator() {
        return emulator;
    }

    public ApplicationContext context() {
        return context;
    }

    public URI uri(String path) {
        return URI.create(server.getURL().toString() + path);
    }

    /** {@code path} on the management port ({@code endpoints.all.port}): detailed health, {@code /prometheus}. */
    public URI managementUri(String path) {
        return managementUri(context, path);
    }

    /** {@code path} on the management port of the broker that {@code context} runs. */
    public static URI managementUri(ApplicationContext context, String path) {
        int port = context.getBean(EndpointDefaultConfiguration.class).getPort()
                .orElseThrow(() -> new IllegalStateException("endpoints.all.port is not set"));
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** GET {@code path} on the management port. */
    public HttpResponse<String> getManagement(String path) {
        return send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A fresh session's access token from {@code POST /anon-session}, for {@code audience} or the default (null). */
    public String accessToken(String audience) {
        String body = audience == null ? null : "{\"audience\":\"" + audience + "\"}";
        return accessTokenOf(post("/anon-session", body, "Content-Type", "application/json"));
    }

    /** A fresh session's whole answer from {@code POST /anon-session}, default audience; asserts 200. */
    public JsonNode newSession() {
        HttpResponse<String> response = post("/anon-session", null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** {@code POST /anon-session/refresh} with {@code refreshToken} in a JSON body, and {@code headers}. */
    public HttpResponse<String> refresh(String refreshToken, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post("/anon-session/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}", all);
    }

    /** The {@code refresh_token} of a 200 answer of {@code /anon-session}, {@code /exchange} or refresh. */
    public static String refreshTokenOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("refresh_token").asText();
    }

    /** The {@code access_token} of a 200 answer of {@code /anon-session} or its refresh. */
    /** The {@code sub} of a broker token, unverified: the GoTrue user it was minted for. */
    public static String subjectOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT", e);
        }
    }

    public static String accessTokenOf(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("access_token").asText();
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Users in the emulator that carry the broker's marker. */
    public List<EmulatedUser> throwawayUsers() {
        return emulator.users().stream().filter(u -> u.userMetadata() != null && u.userMetadata().containsKey("anon_broker")).toList();
    }

    public void awaitNoThrowawayUsers() {
        Await.until("the emulator holds no throwaway user", Duration.ofSeconds(20), () -> throwawayUsers().isEmpty());
    }

    /** Shuts the broker down gracefully and keeps the emulator running, to look at what the broker left behind. */
    public void stopBroker() {
        if (context.isRunning()) {
            context.close();
        }
    }

    @Override
    public void close() {
        try {
            stopBroker();
        } finally {
            emulator.close();
        }
    }
}
