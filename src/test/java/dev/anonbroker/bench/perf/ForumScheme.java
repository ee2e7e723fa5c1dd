package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The forum's scheme, the baseline: the browser signs up to GoTrue ({@code POST /signup}), logs in
 * ({@code POST /token?grant_type=password}), then calls a serverless function, played here by a JDK
 * {@link HttpServer} in the benchmark's process, which checks the token with GoTrue's {@code GET /user}, deletes the
 * user ({@code DELETE /admin/users/{id}}) and answers. The visitor's latency is all of it.
 */
final class ForumScheme implements AutoCloseable {

    private final EmulatorProcess gotrue;
    private final HttpServer function;
    private final ExecutorService functionThreads;
    private final String functionUrl;

    private ForumScheme(EmulatorProcess gotrue, HttpServer function, ExecutorService functionThreads) {
        this.gotrue = gotrue;
        this.function = function;
        this.functionThreads = functionThreads;
        this.functionUrl = "http://127.0.0.1:" + function.getAddress().getPort() + "/check";
    }

    /** Starts the function; it serves {@code concurrency} calls at once, as a serverless platform would scale. */
    static ForumScheme start(EmulatorProcess gotrue, int concurrency) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        server.setExecutor(threads);
        ForumScheme scheme = new ForumScheme(gotrue, server, threads);
        server.createContext("/check", scheme::check);
        server.start();
        return scheme;
    }

    /** One visitor: sign-up, log-in, the function's call. */
    Visit.Outcome visit() throws IOException, InterruptedException {
        String ip = Visitors.nextIp();
        String email = "forum-" + UUID.randomUUID() + "@forum.invalid";
        String password = UUID.randomUUID().toString();
        String signup = Http.JSON.createObjectNode().put("email", email).put("password", password).toString();
        HttpResponse<String> created = Http.post(gotrue.baseUrl() + "/signup", "application/json", signup,
                "X-Forwarded-For", ip);
        if (created.statusCode() != 200) {
            return Visit.Outcome.of(created);
        }
        String form = "grant_type=password&username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> token = Http.post(gotrue.baseUrl() + "/token?grant_type=password",
                "application/x-www-form-urlencoded", form, "X-Forwarded-For", ip);
        if (token.statusCode() != 200) {
            return Visit.Outcome.of(token);
        }
        String accessToken = Http.json(token).path("access_token").asText();
        return Visit.Outcome.of(Http.post(functionUrl, null, null, "Authorization", "Bearer " + accessToken));
    }

    private void check(HttpExchange exchange) throws IOException {
        int status;
        try {
            status = checkAndDelete(exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 500;
        } catch (IOException e) {
            status = 502;
        }
        byte[] body = ("{\"ok\":" + (status == 200) + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private int checkAndDelete(String authorization) throws IOException, InterruptedException {
        if (authorization == null) {
            return 401;
        }
        HttpResponse<String> user = Http.send(HttpRequest.newBuilder(URI.create(gotrue.baseUrl() + "/user"))
                .header("Authorization", authorization).GET());
        if (user.statusCode() != 200) {
            return 401;
        }
        JsonNode id = Http.json(user).path("id");
        HttpResponse<String> deleted = Http.send(HttpRequest.newBuilder(
                        URI.create(gotrue.baseUrl() + "/admin/users/" + id.asText()))
                .header("Authorization", "Bearer " + gotrue.adminToken()).DELETE());
        return deleted.statusCode() == 200 || deleted.statusCode() == 204 ? 200 : 502;
    }

    @Override
    public void close() {
        function.stop(0);
        functionThreads.shutdownNow();
    }
}
