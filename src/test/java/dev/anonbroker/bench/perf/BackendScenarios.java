package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code POST /introspect}, {@code POST /anon-session/refresh} and {@code GET /.well-known/jwks.json} under wrk, at
 * each of the options' connection counts, each point after a warm-up run of its own. Sessions for introspection and
 * refresh are minted beforehand through {@code /anon-session}.
 */
final class BackendScenarios {

    private static final int MINTING_CONCURRENCY = 16;

    private final BenchOptions options;
    private final Report report;

    BackendScenarios(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    Wrk.WrkResult jwks(BrokerProcess broker, String setting, int connections) throws Exception {
        String url = broker.url("/.well-known/jwks.json");
        Wrk.run(options, "wrk-jwks.lua", url, connections, options.warmup());
        return add("JWKS", setting, connections, Wrk.run(options, "wrk-jwks.lua", url, connections, options.duration()));
    }

    /** Introspects 64 live access tokens in turn; checks first that the broker calls one active. */
    Wrk.WrkResult introspect(BrokerProcess broker, String setting, int connections) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(broker.backendAuthorization());
        for (JsonNode session : mint(broker, 64)) {
            lines.add(session.get("access_token").asText());
        }
        HttpResponse<String> probe = Http.post(broker.url("/introspect"), "application/x-www-form-urlencoded",
                "token=" + lines.get(1), "Authorization", lines.get(0));
        if (probe.statusCode() != 200 || !Http.json(probe).path("active").asBoolean()) {
            throw new IOException("introspection of a fresh token did not answer active: " + probe.statusCode());
        }
        Path file = write("introspect-" + connections + ".txt", lines);
        String url = broker.url("/introspect");
        Wrk.run(options, "wrk-introspect.lua", url, connections, options.warmup(), file.toString());
        return add("/introspect", setting, connections,
                Wrk.run(options, "wrk-introspect.lua", url, connections, options.duration(), file.toString()));
    }

    /** Each wrk thread keeps a queue of the sessions' rotating refresh tokens; fresh sessions for each run. */
    Wrk.WrkResult refresh(BrokerProcess broker, String setting, int connections) throws Exception {
        String url = broker.url("/anon-session/refresh");
        String threads = Integer.toString(Wrk.threads(connections));
        Path warm = write("refresh-warm.txt", refreshTokens(broker, connections + 16));
        Wrk.run(options, "wrk-refresh.lua", url, connections, options.warmup(), warm.toString(), threads);
        Path measured = write("refresh-" + connections + ".txt", refreshTokens(broker, connections + 16));
        return add("/anon-session/refresh", setting, connections,
                Wrk.run(options, "wrk-refresh.lua", url, connections, options.duration(), measured.toString(), threads));
    }

    private Wrk.WrkResult add(String scenario, String setting, int connections, Wrk.WrkResult result) {
        String note = result.statusErrors() + result.socketErrors() == 0 ? "wrk"
                : "wrk; non-2xx " + result.statusErrors() + ", socket errors " + result.socketErrors();
        report.add(new Report.Row(scenario, setting, "conn=" + connections, result.throughput(), result.p50(),
                result.p90(), result.p99(), result.max(), "-", note));
        return result;
    }

    private List<String> refreshTokens(BrokerProcess broker, int count) throws Exception {
        return mint(broker, count).stream().map(session -> session.get("refresh_token").asText()).toList();
    }

    /** {@code count} sessions' answers, minted 16 at a time; fails unless every mint answered 200. */
    static List<JsonNode> mint(BrokerProcess broker, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(MINTING_CONCURRENCY);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(pool.submit(() -> {
                    HttpResponse<String> response = Http.post(broker.url("/anon-session"), null, null,
                            "X-Forwarded-For", Visitors.nextIp());
                    if (response.statusCode() != 200) {
                        throw new IOException("minting a session answered " + response.statusCode());
                    }
                    return Http.json(response);
                }));
            }
            List<JsonNode> sessions = new ArrayList<>();
            for (Future<JsonNode> answer : answers) {
                sessions.add(answer.get());
            }
            return Collections.unmodifiableList(sessions);
        } finally {
            pool.shutdownNow();
        }
    }

    private Path write(String name, List<String> lines) throws IOException {
        Path file = options.work().resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file;
    }
}
