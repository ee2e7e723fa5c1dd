package dev.anonbroker.bench;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.gate.GatedEndpoint;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.gate.ratelimit.RateLimitGate;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.support.BrokerHarness;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Rate-limit decisions per second through {@link RateLimitGate#check} (the bean of a running broker) for a million
 * distinct visitor IPs, on one thread and on two, then the heap used after a GC and the number of buckets held
 * against {@code max-tracked-keys}. Prints figures; asserts nothing.
 *
 * <p>Two runs: the product's default limits, where a bucket touched once is full again, and dropped, within seconds;
 * and "sticky" limits ({@code 1/1h} per IP), where no bucket expires during the run, so the cache sits at its bound and
 * every new visitor costs an eviction. Each decision includes building the {@link Visitor} and its network string,
 * as the broker does per request. Arguments, all optional: visitors per phase ({@code 1000000}),
 * {@code max-tracked-keys} ({@code 200000}).
 */
public final class RateLimitBenchmark {

    private static final int WARM_UP = 200_000;

    private RateLimitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int visitors = Integer.parseInt(args.length > 0 ? args[0] : "1000000");
        int maxKeys = Integer.parseInt(args.length > 1 ? args[1] : "200000");
        run("defaults", Map.of(), visitors, maxKeys);
        run("sticky", Map.of("broker.rate-limit.refresh-per-ip", "1/1h", "broker.rate-limit.refresh-per-network", "1000/1h",
                "broker.rate-limit.anon-session-per-ip", "1/1h", "broker.rate-limit.anon-session-per-network", "1000/1h"),
                visitors, maxKeys);
    }

    private static void run(String name, Map<String, Object> limits, int visitors, int maxKeys) throws Exception {
        Map<String, Object> properties = new HashMap<>(limits);
        properties.put("broker.rate-limit.enabled", true);
        properties.put("broker.rate-limit.max-tracked-keys", maxKeys);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            RateLimitGate gate = broker.context().getBean(RateLimitGate.class);
            long emptyHeap = HeapAfterGc.bytes();
            decide(gate, GatedEndpoint.REFRESH, 0x0B000000, WARM_UP, 1);
            System.out.printf("%s: max-tracked-keys=%d, %d distinct IPv4 visitors per phase%n", name, maxKeys, visitors);
            report("refresh, 1 thread", decide(gate, GatedEndpoint.REFRESH, 0x0C000000, visitors, 1), visitors, gate);
            report("refresh, 2 threads", decide(gate, GatedEndpoint.REFRESH, 0x0D000000, visitors, 2), visitors, gate);
            heap(emptyHeap, gate);
            report("anon-session, 1 thread", decide(gate, GatedEndpoint.ANON_SESSION, 0x0E000000, visitors, 1), visitors, gate);
            heap(emptyHeap, gate);
        }
    }

    /** The heap after a GC, against the heap before the gate held any bucket. */
    private static void heap(long emptyHeap, RateLimitGate gate) {
        long keys = gate.trackedKeys();
        long used = HeapAfterGc.bytes();
        System.out.printf("  heap after GC: %.1f MB, %.1f MB more than with no bucket; %d buckets held%s%n",
                used / 1e6, (used - emptyHeap) / 1e6, keys,
                keys < 10_000 ? "" : ", about " + Math.max(0, used - emptyHeap) / keys + " bytes each");
    }

    private static void report(String phase, Decisions decisions, int visitors, RateLimitGate gate) {
        System.out.printf("  %-24s %,10.0f decisions/s (%.2f s), admitted %d, refused %d; buckets held now %d%n", phase,
                visitors / decisions.seconds(), decisions.seconds(), decisions.admitted(), decisions.refused(),
                gate.trackedKeys());
    }

    record Decisions(double seconds, long admitted, long refused) {
    }

    /** {@code visitors} decisions for consecutive addresses from {@code first}, split over {@code threads}. */
    private static Decisions decide(RateLimitGate gate, GatedEndpoint endpoint, int first, int visitors, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            long start = System.nanoTime();
            int share = visitors / threads;
            for (int t = 0; t < threads; t++) {
                int from = first + t * share;
                parts.add(pool.submit(() -> decideRange(gate, endpoint, from, share)));
            }
            long admitted = 0;
            long refused = 0;
            for (Future<long[]> part : parts) {
                admitted += part.get()[0];
                refused += part.get()[1];
            }
            return new Decisions((System.nanoTime() - start) / 1e9, admitted, refused);
        } finally {
            pool.shutdown();
        }
    }

    private static long[] decideRange(RateLimitGate gate, GatedEndpoint endpoint, int from, int count) {
        long[] outcome = new long[2];
        for (int i = 0; i < count; i++) {
            try {
                gate.check(endpoint, visitor(from + i));
                outcome[0]++;
            } catch (ProblemException refused) {
                outcome[1]++;
            }
        }
        return outcome;
    }

    private static Visitor visitor(int address) {
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return new Visitor(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
