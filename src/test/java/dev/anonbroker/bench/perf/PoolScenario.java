package dev.anonbroker.bench.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code /anon-session} from a full warm pool at {@value #VISITORS} visitors, against an emulator with the pool
 * latency, and the forum's scheme against the same emulator. A pool of N serves N visits before it must refill, so
 * the measurement is made of rounds: wait until {@code broker_pool_size} is N, then N visits from the
 * {@value #VISITORS} visitors. The JIT warm-up (claims, then direct sessions once the pool is empty) and two rounds
 * warm up. The refills' own budget is lifted and they run 8 at once
 * (the emulator, started without a rate-limit header, does not limit them either), so that the pool refills in seconds
 * between rounds; visitors never wait for a refill, so this does not change what a visit costs.
 */
final class PoolScenario {

    static final int VISITORS = 16;
    private static final int WARMUP_ROUNDS = 2;
    private static final Duration ROUND_CAP = Duration.ofMinutes(2);
    private static final Duration POOL_APPEARS = Duration.ofSeconds(10);
    private static final Duration POOL_FILLS = Duration.ofMinutes(2);

    private final BenchOptions options;
    private final SessionScenarios sessions;

    PoolScenario(BenchOptions options, SessionScenarios sessions) {
        this.options = options;
        this.sessions = sessions;
    }

    void run(EmulatorProcess gotrue, Figures figures) throws Exception {
        String latency = options.poolLatency().toMillis() + " ms latency";
        Map<String, String> environment = Map.of("BROKER_POOL_SIZE", Integer.toString(options.poolSize()),
                "BROKER_POOL_REFILL_LIMIT", "1000000", "BROKER_POOL_REFILL_CONCURRENCY", "8");
        try (BrokerProcess broker = BrokerProcess.start(options, gotrue, "signup", environment)) {
            figures.poolBuilt = awaitFullPool(broker);
            sessions.warmUp(broker, VISITORS);
            figures.pool = figures.poolBuilt ? rounds(broker, "warm pool " + options.poolSize() + ", " + latency)
                    : sessions.anonSession(broker, "pool not built, " + latency, VISITORS).load();
        }
        figures.forumAtPoolLatency = sessions.forum(gotrue, "netlify, " + latency, VISITORS);
    }

    private LoadResult rounds(BrokerProcess broker, String setting) throws Exception {
        int visitsEach = Math.max(1, options.poolSize() / VISITORS);
        Visit visit = SessionScenarios.anonSessionVisit(broker);
        LoadResult warm = round(broker, visitsEach, visit, 0);
        for (int i = 1; i < WARMUP_ROUNDS; i++) {
            warm = warm.plus(round(broker, visitsEach, visit, 0));
        }
        long interval = ClosedLoop.expectedInterval(warm);
        awaitFullPool(broker);
        String before = broker.prometheus();
        LoadResult measured = round(broker, visitsEach, visit, interval);
        for (int i = 1; i < options.poolRounds(); i++) {
            measured = measured.plus(round(broker, visitsEach, visit, interval));
        }
        String after = broker.prometheus();
        long hits = (long) (counter(after, "broker_pool_hits_total") - counter(before, "broker_pool_hits_total"));
        long misses = (long) (counter(after, "broker_pool_misses_total") - counter(before, "broker_pool_misses_total"));
        sessions.addRow("/anon-session", setting, measured, SessionScenarios.overhead(before, after).text(),
                String.format(Locale.ROOT, "%d rounds of %d visits from a full pool, per s within them; pool hits %d,"
                        + " misses %d", options.poolRounds(), visitsEach * VISITORS, hits, misses));
        return measured;
    }

    private LoadResult round(BrokerProcess broker, int visitsEach, Visit visit, long interval) throws Exception {
        awaitFullPool(broker);
        return ClosedLoop.burst(VISITORS, ROUND_CAP, visitsEach, visit, interval);
    }

    /**
     * Waits until {@code broker_pool_size} reaches the pool size; false when the broker has no such gauge within
     * {@link #POOL_APPEARS} (a build without the pool).
     */
    private boolean awaitFullPool(BrokerProcess broker) {
        long start = System.nanoTime();
        try {
            while (System.nanoTime() - start < POOL_FILLS.toNanos()) {
                OptionalDouble size = SessionScenarios.sample(broker.prometheus(), "broker_pool_size");
                if (size.isPresent() && size.getAsDouble() >= options.poolSize()) {
                    return true;
                }
                if (size.isEmpty() && System.nanoTime() - start > POOL_APPEARS.toNanos()) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the warm pool did not fill to " + options.poolSize() + " within "
                + POOL_FILLS.toSeconds() + " s");
    }

    private static double counter(String scrape, String name) {
        return SessionScenarios.sample(scrape, name).orElse(0);
    }
}
