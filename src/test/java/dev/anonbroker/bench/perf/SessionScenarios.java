package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * {@code POST /anon-session} and the forum's scheme under the {@link ClosedLoop}, with the broker's own overhead
 * (server time minus GoTrue time, {@value #OVERHEAD_METRIC}) from the scrapes before and after each point.
 */
final class SessionScenarios {

    static final String OVERHEAD_METRIC = "broker_session_overhead_seconds";
    private static final String OVERHEAD_LABEL = "path=\"anon-session\"";

    /** The broker's overhead at one point, in milliseconds; empty when the broker exposes no such metric. */
    record Overhead(OptionalDouble p50, OptionalDouble p99) {
        static final Overhead NONE = new Overhead(OptionalDouble.empty(), OptionalDouble.empty());

        String text() {
            return p50.isEmpty() ? "n/a" : Report.number(p50.getAsDouble(), 2) + "/" + Report.number(p99.getAsDouble(), 2);
        }
    }

    /** A measured point and the broker's overhead over it. */
    record Point(LoadResult load, Overhead overhead) {
    }

    private final BenchOptions options;
    private final Report report;

    SessionScenarios(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /**
     * {@code /anon-session} at {@code concurrency} visitors, each with an address of its own; {@code settle} runs
     * after the warm-up, before the overhead scrape (the warm pool waits there to be full again).
     */
    Point anonSession(BrokerProcess broker, String setting, int concurrency, Runnable settle) throws Exception {
        String url = broker.url("/anon-session");
        Visit visit = () -> Visit.Outcome.of(Http.post(url, null, null, "X-Forwarded-For", Visitors.nextIp()));
        PrometheusHistogram[] before = new PrometheusHistogram[1];
        LoadResult load = ClosedLoop.run(concurrency, options.warmup(), options.duration(), visit,
                () -> {
                    settle.run();
                    before[0] = overheadHistogram(broker);
                });
        PrometheusHistogram after = overheadHistogram(broker);
        Overhead overhead = after == null ? Overhead.NONE : overhead(after.since(before[0]));
        addRow("/anon-session", setting, load, overhead.text());
        return new Point(load, overhead);
    }

    /** The forum's scheme at {@code concurrency} visitors against {@code gotrue}. */
    LoadResult forum(EmulatorProcess gotrue, String setting, int concurrency) throws Exception {
        try (ForumScheme forum = ForumScheme.start(gotrue, concurrency)) {
            LoadResult load = ClosedLoop.run(concurrency, options.warmup(), options.duration(), forum::visit, () -> {
            });
            addRow("forum scheme", setting, load, "-");
            return load;
        }
    }

    private void addRow(String scenario, String setting, LoadResult load, String overhead) {
        String note = load.failureCount() == 0 ? "" : "refused/failed " + load.failures().entrySet().stream()
                .map(entry -> (entry.getKey() < 0 ? "error" : entry.getKey().toString()) + ":" + entry.getValue())
                .collect(Collectors.joining(" "));
        report.add(new Report.Row(scenario, setting, "c=" + load.concurrency(), load.throughput(),
                load.percentileMs(50), load.percentileMs(90), load.percentileMs(99), load.maxMs(), overhead, note));
        ObjectNode raw = report.details().withObject("/uncorrected_latency_ms")
                .putObject(scenario + " " + setting + " c=" + load.concurrency());
        raw.put("p50", load.rawPercentileMs(50)).put("p90", load.rawPercentileMs(90))
                .put("p99", load.rawPercentileMs(99)).put("successes", load.successes());
        load.failures().forEach((status, count) -> raw.put("failures_" + status, count));
    }

    private static Overhead overhead(PrometheusHistogram delta) {
        return delta.count() <= 0 ? Overhead.NONE : new Overhead(delta.percentileMs(50), delta.percentileMs(99));
    }

    private static PrometheusHistogram overheadHistogram(BrokerProcess broker) {
        try {
            return PrometheusHistogram.parse(broker.prometheus(), OVERHEAD_METRIC, OVERHEAD_LABEL);
        } catch (IOException e) {
            return null;
        }
    }

    /** The value of the gauge {@code name} (any labels, summed), or empty when the broker has none. */
    static OptionalDouble gauge(BrokerProcess broker, String name) throws IOException {
        double sum = 0;
        boolean seen = false;
        for (String line : broker.prometheus().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                seen = true;
            }
        }
        return seen ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    static Map<String, String> poolEnvironment(int size) {
        return Map.of("BROKER_POOL_SIZE", Integer.toString(size));
    }
}
