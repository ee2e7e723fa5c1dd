package dev.anonbroker.bench;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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

/**
 * Measures POST /anon-session served from the warm pool while GoTrue answers slowly: the pool is filled first, then
 * every emulator route gets the injected latency, then {@code clients} visitors start {@code sessions} sessions (no
 * more than the pool holds, so each should be a hit). Prints latency percentiles, hits and misses; asserts nothing.
 * The broker's rate limits are off and its refill budget unbounded (the emulator limits nothing here).
 * Arguments: flavor (netlify), mode (signup), clients (16), sessions (1000), latency ms (100), quiet (false: the
 * pool refills and the queue deletes during the run, as in production; true: neither, which isolates the hit path).
 *
 * <p>{@code java -cp <test classpath> dev.anonbroker.bench.PoolBenchmark netlify signup 16 1000 100}
 */
public final class PoolBenchmark {

    private PoolBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorFlavor flavor = EmulatorFlavor.valueOf(arg(args, 0, "netlify").toUpperCase());
        String mode = arg(args, 1, "signup");
        int clients = Integer.parseInt(arg(args, 2, "16"));
        int sessions = Integer.parseInt(arg(args, 3, "1000"));
        long latencyMs = Long.parseLong(arg(args, 4, "100"));
        boolean quiet = Boolean.parseBoolean(arg(args, 5, "false"));
        int warmUp = 200;
        int size = sessions + warmUp;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.anonbroker"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(flavor).withAnonymousUsers(flavor == EmulatorFlavor.SUPABASE),
                Map.of("broker.gotrue.mode", mode, "broker.pool.size", size,
                        "broker.pool.refill-concurrency", 8, "broker.pool.refill-limit", quiet ? size : 1_000_000,
                        "broker.pool.refill-window", quiet ? "1h" : "1m", "broker.rate-limit.enabled", false,
                        "broker.cleanup.delay", quiet ? "1h" : "0s", "broker.sweep.enabled", false))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            Await.until("the pool is full", Duration.ofMinutes(5),
                    () -> meters.get("broker.pool.size").gauge().value() >= size);
            broker.emulator().setFault("*", FaultRule.latency(Duration.ofMillis(latencyMs)));
            run(broker, warmUp, clients);
            double hitsBefore = count(meters, "broker.pool.hits");
            double missesBefore = count(meters, "broker.pool.misses");
            List<Double> latencies = run(broker, sessions, clients);
            System.out.printf("flavor=%s mode=%s clients=%d sessions=%d gotrueLatency=%d ms quiet=%s%n",
                    flavor, mode, clients, sessions, latencyMs, quiet);
            System.out.printf("pool: hits=%.0f misses=%.0f%n", count(meters, "broker.pool.hits") - hitsBefore,
                    count(meters, "broker.pool.misses") - missesBefore);
            System.out.printf("latency ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", percentile(latencies, 50),
                    percentile(latencies, 95), percentile(latencies, 99), percentile(latencies, 100));
            broker.emulator().clearFaults();
        }
    }

    private static List<Double> run(BrokerHarness broker, int sessions, int clients) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(sessions);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(threads.submit(() -> {
                while (remaining.getAndDecrement() > 0) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = broker.post("/anon-session", null);
                    latencies.add((System.nanoTime() - started) / 1e6);
                    if (response.statusCode() != 200) {
                        System.out.println("status " + response.statusCode());
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        threads.shutdown();
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double count(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
