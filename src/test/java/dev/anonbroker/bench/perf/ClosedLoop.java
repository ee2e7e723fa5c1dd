package dev.anonbroker.bench.perf;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * N visitors, each starting its next visit as soon as the last one ended (a closed loop), first for the warm-up,
 * then measured. Latencies of successful visits go into HdrHistograms twice: as measured, and corrected for
 * coordinated omission with {@link Histogram#recordValueWithExpectedInterval}, the expected interval being the mean
 * visit of the warm-up: a visit that stalls N times that long also stands for the visits the stalled visitor did not
 * start meanwhile. A refused visitor (any status but 200) waits the answer's {@code Retry-After}, at most
 * {@link #MAX_REFUSAL_WAIT}, as a browser client honouring it would.
 */
final class ClosedLoop {

    static final Duration MAX_REFUSAL_WAIT = Duration.ofSeconds(1);
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(2);

    private ClosedLoop() {
    }

    /** Warm-up, then {@code beforeMeasuring} (e.g. a metrics scrape) with no visit in flight, then the measured pass. */
    static LoadResult run(int visitors, Duration warmup, Duration duration, Visit visit, Runnable beforeMeasuring)
            throws Exception {
        LoadResult warm = burst(visitors, warmup, Integer.MAX_VALUE, visit, 0);
        beforeMeasuring.run();
        return burst(visitors, duration, Integer.MAX_VALUE, visit, expectedInterval(warm));
    }

    /** The mean successful visit of {@code warm}, in nanoseconds: the interval a visitor expects between visits. */
    static long expectedInterval(LoadResult warm) {
        return warm.raw().getTotalCount() == 0 ? 0 : (long) warm.raw().getMean();
    }

    /**
     * One pass: every visitor visits until {@code length} is over or it made {@code visitsEach} visits, latencies
     * corrected with {@code expectedInterval} (0: not corrected).
     */
    static LoadResult burst(int visitors, Duration length, int visitsEach, Visit visit, long expectedInterval)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(visitors);
        Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<Histogram[]>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < visitors; i++) {
                workers.add(pool.submit(() -> visit(end, visitsEach, visit, expectedInterval, failures)));
            }
            Histogram corrected = new Histogram(HIGHEST_NANOS, 3);
            Histogram raw = new Histogram(HIGHEST_NANOS, 3);
            for (Future<Histogram[]> worker : workers) {
                Histogram[] own = worker.get();
                corrected.add(own[0]);
                raw.add(own[1]);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<Integer, Long> counted = new TreeMap<>();
            failures.forEach((status, count) -> counted.put(status, count.sum()));
            return new LoadResult(visitors, raw.getTotalCount(), seconds, corrected, raw, counted);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Histogram[] visit(long end, int visitsEach, Visit visit, long expectedInterval,
                                     Map<Integer, LongAdder> failures) {
        Histogram corrected = new Histogram(HIGHEST_NANOS, 3);
        Histogram raw = new Histogram(HIGHEST_NANOS, 3);
        for (int visits = 0; visits < visitsEach && System.nanoTime() - end < 0; visits++) {
            long started = System.nanoTime();
            Visit.Outcome outcome;
            try {
                outcome = visit.run();
            } catch (Exception e) {
                outcome = new Visit.Outcome(-1, Duration.ZERO);
            }
            long latency = Math.min(System.nanoTime() - started, HIGHEST_NANOS);
            if (outcome.succeeded()) {
                raw.recordValue(latency);
                corrected.recordValueWithExpectedInterval(latency, expectedInterval);
            } else {
                failures.computeIfAbsent(outcome.status(), status -> new LongAdder()).increment();
                long wait = Math.min(outcome.retryAfter().toNanos(), MAX_REFUSAL_WAIT.toNanos());
                LockSupport.parkNanos(Math.min(wait, end - System.nanoTime()));
            }
        }
        return new Histogram[] {corrected, raw};
    }
}
