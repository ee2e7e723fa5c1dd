package dev.anonbroker.gate.ip;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through in front of the emulator that records one request header per call, so a test can read which
 * visitor IP the broker forwarded to GoTrue. The emulator keeps no such record; this front changes nothing else.
 * Until {@link #forwardTo} is called it answers 503 (the broker reads GoTrue's settings at start-up, and again
 * on first use when they could not be read).
 */
final class RecordingGoTrueFront implements AutoCloseable {

    /** One call the broker made: its path and the recorded header's values. */
    record Recorded(String path, List<String> values) {
    }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String header;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private volatile URI target;

    RecordingGoTrueFront(String header) throws IOException {
        this.header = header;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void forwardTo(String baseUrl) {
        target = URI.create(baseUrl);
    }

    /** The values of the recorded header on each call to {@code path}, in order. */
    List<List<String>> valuesOn(String path) {
        return recorded.stream().filter(r -> r.path().equals(path)).map(Recorded::values).toList();
    }

    void clear() {
        recorded.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (target == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            List<String> values = exchange.getRequestHeaders().get(header);
            recorded.add(new Recorded(exchange.getRequestURI().getPath(), values == null ? List.of() : List.copyOf(values)));
            HttpResponse<byte[]> answer = HTTP.send(forwarded(exchange), HttpResponse.BodyHandlers.ofByteArray());
            reply(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest forwarded(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(10))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> entry : exchange.getRequestHeaders().entrySet()) {
            if (!NOT_FORWARDED.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                entry.getValue().forEach(value -> request.header(entry.getKey(), value));
            }
        }
        return request.build();
    }

    private static void reply(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":") && !NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
