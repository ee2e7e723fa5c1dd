package dev.anonbroker.bench.perf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overhead column's arithmetic: bucket deltas between two scrapes, percentiles interpolated in a bucket. */
class PrometheusHistogramTest {

    private static final String NAME = "broker_session_overhead_seconds";
    private static final String LABEL = "path=\"anon-session\"";

    private static String scrape(long upTo1ms, long upTo2ms, long upTo5ms, long all) {
        return String.join("\n",
                "# TYPE broker_session_overhead_seconds histogram",
                NAME + "_bucket{path=\"anon-session\",le=\"0.001\"} " + upTo1ms,
                NAME + "_bucket{path=\"anon-session\",le=\"0.002\"} " + upTo2ms,
                NAME + "_bucket{path=\"anon-session\",le=\"0.005\"} " + upTo5ms,
                NAME + "_bucket{path=\"anon-session\",le=\"+Inf\"} " + all,
                NAME + "_bucket{path=\"exchange\",le=\"0.001\"} 999",
                NAME + "_count{path=\"anon-session\"} " + all,
                "other_metric_bucket{path=\"anon-session\",le=\"0.001\"} 5", "");
    }

    @Test
    void percentilesComeFromTheDeltaBetweenScrapesInterpolatedInsideTheBucket() {
        PrometheusHistogram before = PrometheusHistogram.parse(scrape(100, 100, 100, 100), NAME, LABEL);
        PrometheusHistogram after = PrometheusHistogram.parse(scrape(100, 200, 300, 300), NAME, LABEL);
        PrometheusHistogram delta = after.since(before);

        assertEquals(200, delta.count());
        // rank 100 of 200 is the last of the 100 observations in (1 ms, 2 ms]
        assertEquals(2.0, delta.percentileMs(50).getAsDouble(), 1e-9);
        // rank 50 is half-way through that bucket
        assertEquals(1.5, delta.percentileMs(25).getAsDouble(), 1e-9);
        // rank 198 is 98 of the 100 in (2 ms, 5 ms]
        assertEquals(2 + 3 * 0.98, delta.percentileMs(99).getAsDouble(), 1e-9);
    }

    @Test
    void aRankInTheInfiniteBucketGivesTheHighestFiniteBound() {
        PrometheusHistogram histogram = PrometheusHistogram.parse(scrape(0, 0, 1, 10), NAME, LABEL);
        assertEquals(5.0, histogram.since(null).percentileMs(99).getAsDouble(), 1e-9);
    }

    @Test
    void noObservationsAndNoSeriesAreToldApart() {
        PrometheusHistogram same = PrometheusHistogram.parse(scrape(3, 3, 3, 3), NAME, LABEL);
        assertTrue(same.since(same).percentileMs(50).isEmpty());
        assertNull(PrometheusHistogram.parse("http_server_requests_seconds_count 3\n", NAME, LABEL));
    }
}
