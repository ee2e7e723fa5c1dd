package dev.anonbroker.bench.perf;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cumulative buckets of one Prometheus histogram series ({@code <name>_bucket{...,le="x"} count}) in one scrape,
 * and percentiles of what was recorded between two scrapes, interpolated linearly inside the bucket the rank falls
 * in, as Prometheus's {@code histogram_quantile} does.
 */
final class PrometheusHistogram {

    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** Upper bound (seconds; +Inf as {@link Double#POSITIVE_INFINITY}) to cumulative count. */
    private final TreeMap<Double, Double> buckets;

    private PrometheusHistogram(TreeMap<Double, Double> buckets) {
        this.buckets = buckets;
    }

    /** The series of {@code name} whose labels contain {@code label} (e.g. {@code path="anon-session"}), or null. */
    static PrometheusHistogram parse(String scrape, String name, String label) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            Matcher bucket = BUCKET.matcher(line);
            if (!bucket.find() || !bucket.group(1).equals(name) || !bucket.group(2).contains(label)) {
                continue;
            }
            Matcher le = LE.matcher(bucket.group(2));
            if (le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                buckets.merge(bound, Double.parseDouble(bucket.group(3)), Double::sum);
            }
        }
        return buckets.isEmpty() ? null : new PrometheusHistogram(buckets);
    }

    /** What was recorded after {@code before} (null: nothing before) up to this scrape. */
    PrometheusHistogram since(PrometheusHistogram before) {
        TreeMap<Double, Double> delta = new TreeMap<>();
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double earlier = before == null ? 0 : before.buckets.getOrDefault(bucket.getKey(), 0.0);
            delta.put(bucket.getKey(), bucket.getValue() - earlier);
        }
        return new PrometheusHistogram(delta);
    }

    double count() {
        return buckets.lastEntry().getValue();
    }

    /**
     * The percentile in milliseconds; empty without observations. A rank in the {@code +Inf} bucket gives the highest
     * finite bound, as {@code histogram_quantile} does.
     */
    OptionalDouble percentileMs(double percentile) {
        double total = count();
        if (total <= 0) {
            return OptionalDouble.empty();
        }
        double rank = percentile / 100 * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upper = bucket.getKey();
            double cumulative = bucket.getValue();
            if (cumulative >= rank) {
                if (Double.isInfinite(upper)) {
                    return OptionalDouble.of(lowerBound * 1000);
                }
                double inBucket = cumulative - lowerCount;
                double share = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return OptionalDouble.of((lowerBound + (upper - lowerBound) * share) * 1000);
            }
            lowerBound = upper;
            lowerCount = cumulative;
        }
        return OptionalDouble.of(lowerBound * 1000);
    }
}
