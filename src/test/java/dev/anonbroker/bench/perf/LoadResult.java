package dev.anonbroker.bench.perf;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * One measured point: successful visits per second, and latency percentiles in milliseconds from the
 * coordinated-omission-corrected histogram (the raw one is kept for the JSON). Failures by status; -1 is an
 * exception (connection refused or reset, timeout).
 */
record LoadResult(int concurrency, long successes, double seconds, Histogram corrected, Histogram raw,
                  Map<Integer, Long> failures) {

    double throughput() {
        return successes / seconds;
    }

    double percentileMs(double percentile) {
        return corrected.getTotalCount() == 0 ? Double.NaN : corrected.getValueAtPercentile(percentile) / 1e6;
    }

    double rawPercentileMs(double percentile) {
        return raw.getTotalCount() == 0 ? Double.NaN : raw.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMs() {
        return raw.getTotalCount() == 0 ? Double.NaN : raw.getMaxValue() / 1e6;
    }

    long failureCount() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This and {@code other} as one point: visits, time and histograms added. */
    LoadResult plus(LoadResult other) {
        Histogram allCorrected = corrected.copy();
        allCorrected.add(other.corrected);
        Histogram allRaw = raw.copy();
        allRaw.add(other.raw);
        Map<Integer, Long> allFailures = new TreeMap<>(failures);
        other.failures.forEach((status, count) -> allFailures.merge(status, count, Long::sum));
        return new LoadResult(concurrency, successes + other.successes, seconds + other.seconds, allCorrected, allRaw,
                allFailures);
    }
}
