package dev.anonbroker.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.anonbroker.support.BrokerHarness;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain HTTP relay on loopback between the broker and GoTrue that keeps what crossed it, so a test can learn the
 * secrets only the broker and GoTrue share: throwaway passwords, the throwaway users' GoTrue tokens and the admin
 * credentials the broker signs. Forwards every request unchanged and never follows a redirect.
 */
final class GoTrueWiretap implements AutoCloseable {

    /** JSON fields and form parameters that hold a secret on the GoTrue wire. */
    private static final Set<String> SECRET_FIELDS = Set.of("password", "access_token", "refresh_token", "token");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "apikey");
    private static final Set<String> NOT_RELAYED = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /** A secret that crossed the wire, and what it was ({@code password}, {@code authorization}, ...). */
    record Seen(String what, String value) {
    }

    private final ConcurrentLinkedQueue<Seen> secrets = new ConcurrentLinkedQueue<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "gotrue-wiretap");
        thread.setDaemon(true);
        return thread;
    });
    private final String target;
    private final HttpServer server;

    private GoTrueWiretap(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::relay);
        server.setExecutor(workers);
        server.start();
    }

    /** Relays to {@code target}, e.g. {@code http://127.0.0.1:45123}. */
    static GoTrueWiretap to(String target) {
        try {
            return new GoTrueWiretap(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every secret seen on the wire so far, in either direction. */
    List<Seen> secrets() {
        return List.copyOf(secrets);
    }

    private void relay(HttpExchange exchange) throws IOException {
        try {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!NOT_RELAYED.contains(lower)) {
                    values.forEach(value -> request.header(name, value));
                }
                if (SECRET_HEADERS.contains(lower)) {
                    values.forEach(value -> secrets.add(new Seen(lower, value.replaceFirst("(?i)^(bearer|basic) ", ""))));
                }
            });
            keepSecretsOf(new String(body, StandardCharsets.UTF_8));
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            keepSecretsOf(new String(response.body(), StandardCharsets.UTF_8));
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RELAYED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        } finally {
            exchange.close();
        }
    }

    /** The secret fields of a JSON body (at any depth) or a form body. */
    private void keepSecretsOf(String body) {
        if (body.isBlank()) {
            return;
        }
        try {
            JsonNode json = BrokerHarness.JSON.readTree(body);
            SECRET_FIELDS.forEach(field -> json.findValues(field).stream().filter(JsonNode::isTextual)
                    .forEach(value -> secrets.add(new Seen(field, value.asText()))));
            return;
        } catch (IOException notJson) {
            // a form body, below
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String field = equals > 0 ? pair.substring(0, equals) : "";
            if (SECRET_FIELDS.contains(field)) {
                secrets.add(new Seen(field, URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
