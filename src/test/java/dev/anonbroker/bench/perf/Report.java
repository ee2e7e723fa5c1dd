package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows and target checks of one run: printed as one table, and written to {@code results.json}. */
final class Report {

    /** One line of the table; NaN where a column does not apply. Latencies in milliseconds. */
    record Row(String scenario, String setting, String load, double throughput, double p50, double p90, double p99,
               double max, String overhead, String note) {
    }

    /** "target name: met (figure)"; {@code met} null when it could not be measured in this run. */
    record Target(String name, Boolean met, String figure) {
        String line() {
            return "target " + name + ": " + (met == null ? "not measured" : met ? "met" : "missed") + " (" + figure + ")";
        }
    }

    private static final String FORMAT = "%-21s %-32s %-9s %9s %8s %8s %8s %8s %-15s %s%n";

    private final BenchOptions options;
    private final List<Row> rows = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final ObjectNode details = Http.JSON.createObjectNode();

    Report(BenchOptions options) {
        this.options = options;
    }

    void add(Row row) {
        rows.add(row);
        System.out.printf(Locale.ROOT, "bench: %s %s %s done%n", row.scenario(), row.setting(), row.load());
    }

    void target(String name, Boolean met, String figure) {
        targets.add(new Target(name, met, figure));
    }

    /** Extra figures for the JSON only (raw percentiles, RSS per minute), under {@code details.<key>}. */
    ObjectNode details() {
        return details;
    }

    void print(PrintStream out) {
        out.println();
        out.println("machine: " + Machine.describe());
        out.printf(Locale.ROOT, "run: %d ms per point after %d ms warm-up, %d s JIT warm-up per broker; emulator bcrypt cost %d, %d ms latency per"
                        + " GoTrue call (warm pool: %d ms); GoTrue tokens verified %s; load generator on the same"
                        + " machine%n", options.duration().toMillis(), options.warmup().toMillis(),
                options.jitWarmup().toSeconds(), options.bcryptCost(),
                options.latency().toMillis(), options.poolLatency().toMillis(),
                options.localVerification() ? "locally (JWT secret)" : "by GET /user");
        out.printf(FORMAT, "scenario", "setting", "load", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms",
                "overhead p50/99", "note");
        for (Row row : rows) {
            out.printf(FORMAT, row.scenario(), row.setting(), row.load(), number(row.throughput(), 0),
                    number(row.p50(), 2), number(row.p90(), 2), number(row.p99(), 2), number(row.max(), 1),
                    row.overhead(), row.note());
        }
        out.println();
        targets.forEach(target -> out.println(target.line()));
    }

    void write(Path file) throws IOException {
        ObjectNode root = Http.JSON.createObjectNode();
        root.put("generated_at", Instant.now().toString());
        root.put("machine", Machine.describe());
        ObjectNode run = root.putObject("options");
        run.put("duration", options.duration().toString()).put("warmup", options.warmup().toString())
                .put("jit_warmup", options.jitWarmup().toString())
                .put("bcrypt_cost", options.bcryptCost()).put("latency_ms", options.latency().toMillis())
                .put("pool_latency_ms", options.poolLatency().toMillis()).put("pool_size", options.poolSize())
                .put("pool_rounds", options.poolRounds())
                .put("local_verification", options.localVerification()).put("soak_minutes", options.soakMinutes());
        ArrayNode table = root.putArray("rows");
        for (Row row : rows) {
            ObjectNode node = table.addObject().put("scenario", row.scenario()).put("setting", row.setting())
                    .put("load", row.load()).put("overhead_ms", row.overhead()).put("note", row.note());
            putNumber(node, "throughput_per_s", row.throughput());
            putNumber(node, "p50_ms", row.p50());
            putNumber(node, "p90_ms", row.p90());
            putNumber(node, "p99_ms", row.p99());
            putNumber(node, "max_ms", row.max());
        }
        ArrayNode checks = root.putArray("targets");
        for (Target target : targets) {
            checks.addObject().put("name", target.name()).put("result",
                    target.met() == null ? "not measured" : target.met() ? "met" : "missed").put("figure", target.figure());
        }
        root.set("details", details);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static void putNumber(ObjectNode node, String name, double value) {
        if (Double.isNaN(value)) {
            node.putNull(name);
        } else {
            node.put(name, value);
        }
    }
}
