package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code wrk} (4.1) with one of the Lua scripts under src/test/resources/bench/, which prints its summary
 * as one {@code BENCH_JSON} line. wrk keeps every connection busy (a closed loop per connection) and reports its
 * latencies uncorrected for coordinated omission.
 */
final class Wrk {

    private static final String WRK = "wrk";
    private static final String SUMMARY = "wrk-summary.lua";

    private Wrk() {
    }

    /** Runs {@code script} against {@code url} with that many connections for {@code length}; arguments after "--". */
    static WrkResult run(BenchOptions options, String script, String url, int connections, Duration length,
                         String... scriptArguments) throws IOException, InterruptedException {
        int threads = threads(connections);
        List<String> command = new ArrayList<>(List.of(WRK, "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, length.toSeconds()) + "s", "--timeout", "10s", "-s", copy(options, script).toString(),
                url));
        if (scriptArguments.length > 0) {
            command.add("--");
            command.addAll(List.of(scriptArguments));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(length.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("wrk failed: " + output);
            }
            return parse(connections, output);
        } finally {
            process.destroyForcibly();
        }
    }

    /** wrk's threads: one per core here (the machine has two), never more than connections. */
    static int threads(int connections) {
        return Math.min(connections, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    private static WrkResult parse(int connections, String output) throws IOException {
        for (String line : output.split("\n")) {
            if (line.startsWith("BENCH_JSON ")) {
                JsonNode json = Http.JSON.readTree(line.substring("BENCH_JSON ".length()));
                return new WrkResult(connections, json.get("requests").asLong(),
                        json.get("duration_us").asLong() / 1e6, json.get("status_errors").asLong(),
                        json.get("socket_errors").asLong(), json.get("p50_us").asLong() / 1e3,
                        json.get("p90_us").asLong() / 1e3, json.get("p99_us").asLong() / 1e3,
                        json.get("max_us").asLong() / 1e3);
            }
        }
        throw new IOException("wrk printed no summary: " + output);
    }

    /** The script with wrk-summary.lua, which prints the BENCH_JSON line, appended. */
    private static Path copy(BenchOptions options, String script) throws IOException {
        Path target = options.work().resolve(script);
        Files.createDirectories(target.getParent());
        Files.writeString(target, resource(script) + "\n" + resource(SUMMARY), StandardCharsets.UTF_8);
        return target;
    }

    private static String resource(String script) throws IOException {
        try (InputStream in = Wrk.class.getResourceAsStream("/bench/" + script)) {
            if (in == null) {
                throw new IOException("no script /bench/" + script + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Answers per second count only 2xx; latencies in milliseconds. */
    record WrkResult(int connections, long requests, double seconds, long statusErrors, long socketErrors,
                     double p50, double p90, double p99, double max) {

        double throughput() {
            return (requests - statusErrors) / seconds;
        }
    }
}
