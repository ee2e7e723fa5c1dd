package dev.anonbroker.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local stand-in for Cloudflare Turnstile's and hCaptcha's siteverify APIs, on 127.0.0.1 and a free port, because
 * there is no internet here. It honours their documented test keys:
 * <ul>
 *   <li>Turnstile ({@link #turnstileUrl()}): secret {@value #TURNSTILE_PASSES} passes every token,
 *       {@value #TURNSTILE_FAILS} fails every token ({@code invalid-input-response}), {@value #TURNSTILE_SPENT}
 *       answers that the token was already spent ({@code timeout-or-duplicate});</li>
 *   <li>hCaptcha ({@link #hcaptchaUrl()}): secret {@value #HCAPTCHA_SECRET} passes the token
 *       {@value #HCAPTCHA_TOKEN} and answers {@code not-using-dummy-passcode} to any other.</li>
 * </ul>
 * Any other secret is {@code invalid-input-secret}, a missing one {@code missing-input-secret}. Like the real
 * services, it spends a token that passed: verifying it again answers {@code timeout-or-duplicate} (Turnstile) or
 * {@code invalid-or-already-seen-response} (hCaptcha), except for a Turnstile retry carrying the same
 * {@code idempotency_key}, which gets the first answer again.
 *
 * <p>It records every request's form fields, and can be told to report another hostname or action, to hold its
 * answers until released (for timeouts), to answer some requests with a 5xx after doing the work, or to answer
 * garbage.
 */
public final class FakeSiteverify implements AutoCloseable {

    public static final String TURNSTILE_PASSES = "1x0000000000000000000000000000000AA";
    public static final String TURNSTILE_FAILS = "2x0000000000000000000000000000000AA";
    public static final String TURNSTILE_SPENT = "3x0000000000000000000000000000000AA";
    public static final String HCAPTCHA_SECRET = "0x0000000000000000000000000000000000000000";
    public static final String HCAPTCHA_TOKEN = "10000000-aaaa-bbbb-cccc-000000000001";
    /** The hostname reported with a success unless {@link #reportHostname} says otherwise. */
    public static final String HOSTNAME = "mysite.example";

    static {
        // As in GoTrueEmulator: the JDK server writes headers and body separately, and without TCP_NODELAY Nagle's
        // algorithm and the client's delayed ACK add about 40 ms to every answer. Read once, when a first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String TURNSTILE_PATH = "/turnstile/v0/siteverify";
    private static final String HCAPTCHA_PATH = "/siteverify";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();
    private final Map<String, String> answersByIdempotencyKey = new ConcurrentHashMap<>();
    private final AtomicReference<String> hostname = new AtomicReference<>(HOSTNAME);
    private final AtomicReference<String> action = new AtomicReference<>(null);
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>(new CountDownLatch(0));
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failureStatus = new AtomicInteger(500);
    private volatile boolean garbage;

    private FakeSiteverify() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(TURNSTILE_PATH, exchange -> handle(exchange, true));
        server.createContext(HCAPTCHA_PATH, exchange -> handle(exchange, false));
        server.setExecutor(threads);
        server.start();
    }

    public static FakeSiteverify start() {
        return new FakeSiteverify();
    }

    public String turnstileUrl() {
        return base() + TURNSTILE_PATH;
    }

    public String hcaptchaUrl() {
        return base() + HCAPTCHA_PATH;
    }

    /** Form fields of every request received so far, in order. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    /** The hostname reported with a success from now on. */
    public void reportHostname(String value) {
        hostname.set(value);
    }

    /** The action reported with a Turnstile success from now on; null: none. */
    public void reportAction(String value) {
        action.set(value);
    }

    /** From now on each request is recorded, then waits until the returned latch is counted down. */
    public CountDownLatch holdAnswers() {
        CountDownLatch latch = new CountDownLatch(1);
        hold.set(latch);
        return latch;
    }

    /** The next {@code count} requests are verified as usual (spending the token) but answered {@code status}. */
    public void failNext(int count, int status) {
        failureStatus.set(status);
        failuresLeft.set(count);
    }

    /**
     * From now on every answer is 200 with an HTML page, as from a proxy in front of the provider: the token is not
     * verified, so not spent.
     */
    public void answerGarbage(boolean on) {
        garbage = on;
    }

    /** Forgets recorded requests and spent tokens and answers normally again. */
    public void reset() {
        requests.clear();
        spent.clear();
        answersByIdempotencyKey.clear();
        hostname.set(HOSTNAME);
        action.set(null);
        hold.getAndSet(new CountDownLatch(0)).countDown();
        failuresLeft.set(0);
        garbage = false;
    }

    private void handle(HttpExchange exchange, boolean turnstile) throws IOException {
        try (exchange) {
            Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(form);
            awaitRelease();
            String body = garbage ? "<html>an error page, not siteverify</html>" : answer(form, turnstile);
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus.get() : 200;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", garbage ? "text/html" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** A retry with a known idempotency key gets the first answer again, as Turnstile documents. */
    private String answer(Map<String, String> form, boolean turnstile) {
        String key = turnstile ? form.get("idempotency_key") : null;
        return key == null ? verify(form, turnstile) : answersByIdempotencyKey.computeIfAbsent(key, k -> verify(form, true));
    }

    private void awaitRelease() {
        try {
            if (!hold.get().await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held answer was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String verify(Map<String, String> form, boolean turnstile) {
        String secret = form.get("secret");
        String token = form.get("response");
        if (secret == null || secret.isEmpty()) {
            return refusal("missing-input-secret");
        }
        if (token == null || token.isEmpty()) {
            return refusal("missing-input-response");
        }
        String error = turnstile ? turnstileError(secret) : hcaptchaError(secret, token);
        if (error != null) {
            return refusal(error);
        }
        if (!spent.add((turnstile ? "t:" : "h:") + token)) {
            return refusal(turnstile ? "timeout-or-duplicate" : "invalid-or-already-seen-response");
        }
        ObjectNode answer = BrokerHarness.JSON.createObjectNode().put("success", true)
                .put("challenge_ts", "2024-01-01T00:00:00.000Z").put("hostname", hostname.get());
        answer.putArray("error-codes");
        if (turnstile && action.get() != null) {
            answer.put("action", action.get()).put("cdata", "");
        }
        return answer.toString();
    }

    private static String turnstileError(String secret) {
        return switch (secret) {
            case TURNSTILE_PASSES -> null;
            case TURNSTILE_FAILS -> "invalid-input-response";
            case TURNSTILE_SPENT -> "timeout-or-duplicate";
            default -> "invalid-input-secret";
        };
    }

    private static String hcaptchaError(String secret, String token) {
        if (!HCAPTCHA_SECRET.equals(secret)) {
            return "invalid-input-secret";
        }
        return HCAPTCHA_TOKEN.equals(token) ? null : "not-using-dummy-passcode";
    }

    private static String refusal(String code) {
        ObjectNode answer = BrokerHarness.JSON.createObjectNode().put("success", false);
        answer.putArray("error-codes").add(code);
        return answer.toString();
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        hold.get().countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
