package dev.anonbroker.gotrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.gotrue.support.EmulatedGoTrue;
import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hosted GoTrue lives under a path ({@code /.netlify/identity}, {@code /auth/v1}). A tiny reverse proxy serves the
 * emulator only under such a prefix, so any call that loses the prefix gets 404 from the proxy.
 */
class GoTrueBaseUrlPrefixTest {

    private static final Set<String> UNFORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    @ParameterizedTest(name = "{0} behind {1}")
    @CsvSource({"NETLIFY, /.netlify/identity", "SUPABASE, /auth/v1"})
    void everyCallKeepsThePathPrefix(GoTrueFlavor flavor, String prefix) throws IOException {
        String secret = TestSecrets.random(32);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (GoTrueEmulator emulator = GoTrueEmulator.start(
                BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor), secret))) {
            HttpServer proxy = proxy(prefix, emulator.baseUrl(), seen);
            try (ApplicationContext context = EmulatedGoTrue.context(flavor,
                    "http://127.0.0.1:" + proxy.getAddress().getPort() + prefix + "/",
                    Map.of("broker.gotrue.jwt-secret", secret))) {
                GoTrueClient client = context.getBean(GoTrueClient.class);
                ThrowawayCredentials credentials = TestGoTrue.credentials("prefix");

                GoTrueUser user = client.signUp(credentials, Map.of(), null).user();
                GoTrueTokens tokens = client.passwordGrant(credentials, null);
                assertEquals(user.id(), client.getUser(tokens.accessToken()).id());
                assertEquals(1, client.listUsers(new UserQuery(1, 1, null, true)).totalCount());
                assertEquals(DeleteOutcome.DELETED, client.deleteUser(user.id()));
                assertTrue(client.settings().autoconfirm());
                assertTrue(client.isReachable());

                assertEquals(7, seen.size(), seen.toString());
                assertTrue(seen.stream().allMatch(path -> path.startsWith(prefix + "/")), seen.toString());
                assertFalse(seen.stream().anyMatch(path -> path.contains("//")), seen.toString());
            } finally {
                proxy.stop(0);
            }
        }
    }

    /** Forwards {@code prefix/*} to {@code target/*}; anything else is 404. Records the paths it forwarded. */
    private static HttpServer proxy(String prefix, String target, List<String> seen) throws IOException {
        java.net.http.HttpClient upstream = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath();
                if (!path.startsWith(prefix + "/")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                seen.add(path);
                forward(exchange, URI.create(target + exchange.getRequestURI().toString().substring(prefix.length())), upstream);
            }
        });
        server.start();
        return server;
    }

    private static void forward(HttpExchange exchange, URI uri, java.net.http.HttpClient upstream) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!UNFORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!UNFORWARDED.contains(name.toLowerCase())) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }
}
