package dev.anonbroker.bench.perf;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/** The targets, judged on one run's {@link Figures}. */
final class Targets {

    private Targets() {
    }

    static void judge(Figures figures, Report report) {
        overhead(figures, report);
        pool(figures, report);
        introspection(figures, report);
        startup(figures, report);
        memory(figures, report);
    }

    private static void overhead(Figures figures, Report report) {
        String name = "broker overhead p50 <= 1 ms and p99 <= 5 ms at 64 visitors";
        if (figures.overheadAt64.isEmpty()) {
            report.target(name, null, "no /anon-session point at 64 visitors in this run");
            return;
        }
        if (figures.overheadAt64.values().stream().anyMatch(overhead -> overhead.p50().isEmpty())) {
            report.target(name, null, "n/a: the broker exposes no " + SessionScenarios.OVERHEAD_METRIC);
            return;
        }
        boolean met = true;
        StringBuilder figure = new StringBuilder();
        for (Map.Entry<String, SessionScenarios.Overhead> entry : figures.overheadAt64.entrySet()) {
            double p50 = entry.getValue().p50().getAsDouble();
            double p99 = entry.getValue().p99().getAsDouble();
            met &= p50 <= 1 && p99 <= 5;
            figure.append(figure.length() == 0 ? "" : "; ").append(entry.getKey()).append(' ')
                    .append(entry.getValue().text()).append(" ms");
        }
        report.target(name, met, figure.toString());
    }

    private static void pool(Figures figures, Report report) {
        String p99Name = "warm pool at 100 ms GoTrue latency, p99 <= 5 ms at 16 visitors";
        String ratioName = "warm pool p50 at least 50x lower than the forum scheme's";
        if (figures.pool == null) {
            report.target(p99Name, null, "pool scenario not run");
            report.target(ratioName, null, "pool scenario not run");
            return;
        }
        String built = figures.poolBuilt ? "" : "pool not built, direct path measured; ";
        double p99 = figures.pool.percentileMs(99);
        report.target(p99Name, p99 <= 5, String.format(Locale.ROOT, "%sp99 %.2f ms", built, p99));
        double pool50 = figures.pool.percentileMs(50);
        double forum50 = figures.forumAtPoolLatency.percentileMs(50);
        double ratio = forum50 / pool50;
        report.target(ratioName, ratio >= 50, String.format(Locale.ROOT, "%sforum p50 %.2f ms / pool p50 %.2f ms = %.1fx",
                built, forum50, pool50, ratio));
    }

    private static void introspection(Figures figures, Report report) {
        Double at256 = figures.introspect.get(256);
        Double jwks256 = figures.jwks.get(256);
        Double at8 = figures.introspect.get(8);
        String ratioName = "/introspect at 256 connections >= 0.8x JWKS throughput";
        if (at256 == null || jwks256 == null) {
            report.target(ratioName, null, "needs /introspect and JWKS at 256 connections");
        } else {
            report.target(ratioName, at256 >= 0.8 * jwks256, String.format(Locale.ROOT,
                    "%.0f vs %.0f req/s = %.2fx", at256, jwks256, at256 / jwks256));
        }
        String flatName = "/introspect at 256 connections no lower than at 8";
        if (at256 == null || at8 == null) {
            report.target(flatName, null, "needs /introspect at 8 and 256 connections");
        } else {
            report.target(flatName, at256 >= at8, String.format(Locale.ROOT, "%.0f vs %.0f req/s", at256, at8));
        }
    }

    private static void startup(Figures figures, Report report) {
        String name = "first request <= 1.5 s after start";
        if (figures.startups.isEmpty()) {
            report.target(name, null, "no broker started");
            return;
        }
        Duration worst = Collections.max(figures.startups);
        Duration best = Collections.min(figures.startups);
        report.target(name, worst.toMillis() <= 1500, String.format(Locale.ROOT, "%.2f to %.2f s over %d starts",
                best.toMillis() / 1e3, worst.toMillis() / 1e3, figures.startups.size()));
    }

    private static void memory(Figures figures, Report report) {
        String name = "RSS <= 256 MB after start";
        if (figures.rssAfterStart.isEmpty()) {
            report.target(name, null, "no broker started");
        } else {
            double worst = Collections.max(figures.rssAfterStart);
            report.target(name, worst <= 256, String.format(Locale.ROOT, "%.0f to %.0f MB",
                    Collections.min(figures.rssAfterStart), worst));
        }
        String flat = "RSS flat (within 10 %) across the soak run";
        if (figures.soakRss.size() < 2) {
            report.target(flat, null, "run with --soak-minutes 10");
            return;
        }
        double first = figures.soakRss.get(0);
        double last = figures.soakRss.get(figures.soakRss.size() - 1);
        double change = (last - first) / first * 100;
        report.target(flat, Math.abs(change) <= 10, String.format(Locale.ROOT,
                "%.0f MB after minute 1, %.0f MB after minute %d: %+.1f %%", first, last, figures.soakRss.size(), change));
    }
}
