package dev.anonbroker.bench;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures POST /anon-session end to end against the emulator over loopback: sessions per second, latency
 * percentiles, failures by status, and how long the deletion queue takes to leave zero throwaway users behind. Each
 * request comes from its own simulated visitor IP in X-Forwarded-For, which the broker trusts for this run
 * ({@code broker.client-ip.source=x-forwarded-for}; the benchmark client stands in for the one proxy). The broker's own
 * rate limits are off for the run ({@code broker.rate-limit.enabled=false}): a benchmark runs outside the test
 * environment, whose settings switch them off, and they would throttle it. Prints figures; asserts nothing. Arguments: flavor (netlify), mode (signup), clients (8), sessions (2000), bcrypt cost (10).
 *
 * <p>Run it as the README's "Benchmarks" section shows: {@code java -cp <test classpath> dev.anonbroker.bench.SessionBenchmark
 * netlify signup 8 2000 10}.
 */
public final class SessionBenchmark {

    /** How often the drain measurement looks at the emulator's users: each look copies the whole user list. */
    private static final long DRAIN_POLL_NANOS = Duration.ofMillis(20).toNanos();

    private SessionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorFlavor flavor = EmulatorFlavor.valueOf(arg(args, 0, "netlify").toUpperCase());
        String mode = arg(args, 1, "signup");
        int clients = Integer.parseInt(arg(args, 2, "8"));
        int sessions = Integer.parseInt(arg(args, 3, "2000"));
        int bcryptCost = Integer.parseInt(arg(args, 4, "10"));
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(flavor).withBcryptCost(bcryptCost).withAnonymousUsers(true),
                Map.of("broker.gotrue.mode", mode, "broker.cleanup.concurrency", 4,
                        "broker.client-ip.source", "x-forwarded-for", "broker.rate-limit.enabled", false))) {
            run(broker, 50, clients);
            Result result = run(broker, sessions, clients);
            long drainStart = System.nanoTime();
            long drainDeadline = drainStart + Duration.ofMinutes(2).toNanos();
            while (!broker.throwawayUsers().isEmpty() && System.nanoTime() - drainDeadline < 0) {
                LockSupport.parkNanos(DRAIN_POLL_NANOS);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            System.out.printf("flavor=%s mode=%s clients=%d sessions=%d bcryptCost=%d%n", flavor, mode, clients, sessions, bcryptCost);
            System.out.printf("throughput: %.1f sessions/s over %.2f s, failures=%d %s%n",
                    sessions / result.seconds(), result.seconds(), result.failures(), result.failureStatuses());
            System.out.printf("latency ms: p50=%.1f p95=%.1f p99=%.1f max=%.1f%n", result.percentile(50),
                    result.percentile(95), result.percentile(99), result.percentile(100));
            System.out.printf("deletion queue: throwaway users left after the run drained in %.2f s; left now=%d%n",
                    drainSeconds, broker.throwawayUsers().size());
        }
    }

    record Result(List<Double> latenciesMs, double seconds, int failures, Map<Integer, Integer> failureStatuses) {
        double percentile(int p) {
            int index = Math.max(0, (int) Math.ceil(p / 100.0 * latenciesMs.size()) - 1);
            return latenciesMs.get(index);
        }
    }

    private static Result run(BrokerHarness broker, int sessions, int clients) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(sessions);
        AtomicInteger failures = new AtomicInteger();
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = broker.post("/anon-session", null, "X-Forwarded-For", visitorIp());
                    latencies.add((System.nanoTime() - t0) / 1e6);
                    if (response.statusCode() != 200) {
                        failures.incrementAndGet();
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted, seconds, failures.get(), statuses);
    }

    /**
     * Every simulated visitor has its own address (from the 198.18.0.0/15 benchmarking range; only a header value,
     * nothing is sent there), as real visitors do: GoTrue's per-IP limits would otherwise throttle the benchmark.
     */
    private static String visitorIp() {
        int n = java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 17);
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
