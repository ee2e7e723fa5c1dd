package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
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
            return p50.isEmpty() ? "n/a"
                    : Report.number(p50.getAsDouble(), 2) + "/" + Report.number(p99.getAsDouble(), 2);
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

    /** {@code /anon-session} at {@code concurrency} visitors, each with an address of its own. */
    Point anonSession(BrokerProcess broker, String setting, int concurrency) throws Exception {
        String[] before = new String[1];
        LoadResult load = ClosedLoop.run(concurrency, options.warmup(), options.duration(), anonSessionVisit(broker),
                () -> before[0] = scrape(broker));
        Overhead overhead = overhead(before[0], scrape(broker));
        addRow("/anon-session", setting, load, overhead.text(), "");
        return new Point(load, overhead);
    }

    /**
     * Unmeasured {@code /anon-session} at {@code concurrency} for the JIT warm-up, so that the points after it measure
     * compiled code, as on a broker that has been running for a while.
     */
    void warmUp(BrokerProcess broker, int concurrency) throws Exception {
        if (!options.jitWarmup().isZero()) {
            ClosedLoop.burst(concurrency, options.jitWarmup(), Integer.MAX_VALUE, anonSessionVisit(broker), 0);
        }
    }

    /** One visitor's {@code POST /anon-session}, from an address of its own. */
    static Visit anonSessionVisit(BrokerProcess broker) {
        String url = broker.url("/anon-session");
        return () -> Visit.Outcome.of(Http.post(url, null, null, "X-Forwarded-For", Visitors.nextIp()));
    }

    /** The forum's scheme at {@code concurrency} visitors against {@code gotrue}. */
    LoadResult forum(EmulatorProcess gotrue, String setting, int concurrency) throws Exception {
        try (ForumScheme forum = ForumScheme.start(gotrue, concurrency)) {
            LoadResult load = ClosedLoop.run(concurrency, options.warmup(), options.duration(), forum::visit, () -> {
            });
            addRow("forum scheme", setting, load, "-", "");
            return load;
        }
    }

    /** A row for {@code load}; the note is {@code note} and the refusals and failures by status. */
    void addRow(String scenario, String setting, LoadResult load, String overhead, String note) {
        String failures = load.failureCount() == 0 ? "" : "refused/failed " + load.failures().entrySet().stream()
                .map(entry -> (entry.getKey() < 0 ? "error" : entry.getKey().toString()) + ":" + entry.getValue())
                .collect(Collectors.joining(" "));
        String notes = note.isEmpty() || failures.isEmpty() ? note + failures : note + "; " + failures;
        report.add(new Report.Row(scenario, setting, "c=" + load.concurrency(), load.throughput(),
                load.percentileMs(50), load.percentileMs(90), load.percentileMs(99), load.maxMs(), overhead, notes));
        ObjectNode raw = report.details().withObject("/uncorrected_latency_ms")
                .putObject(scenario + " " + setting + " c=" + load.concurrency());
        raw.put("p50", load.rawPercentileMs(50)).put("p90", load.rawPercentileMs(90))
                .put("p99", load.rawPercentileMs(99)).put("successes", load.successes());
        load.failures().forEach((status, count) -> raw.put("failures_" + status, count));
    }

    /** The overhead of the {@code /anon-session} requests served between two scrapes (null: failed scrape). */
    static Overhead overhead(String before, String after) {
        PrometheusHistogram end = after == null ? null : PrometheusHistogram.parse(after, OVERHEAD_METRIC, OVERHEAD_LABEL);
        if (end == null || before == null) {
            return Overhead.NONE;
        }
        PrometheusHistogram delta = end.since(PrometheusHistogram.parse(before, OVERHEAD_METRIC, OVERHEAD_LABEL));
        return delta.count() <= 0 ? Overhead.NONE : new Overhead(delta.percentileMs(50), delta.percentileMs(99));
    }

    private static String scrape(BrokerProcess broker) {
        try {
            return broker.prometheus();
        } catch (IOException e) {
            return null;
        }
    }

    /** The value of the gauge or counter {@code name} (any labels, summed), or empty when the scrape has none. */
    static OptionalDouble sample(String scrape, String name) {
        double sum = 0;
        boolean seen = false;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                seen = true;
            }
        }
        return seen ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

}
