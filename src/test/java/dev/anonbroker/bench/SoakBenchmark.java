package dev.anonbroker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Mixed traffic for a long run (default ten minutes) against one broker and the emulator on loopback: each client
 * mints a session, refreshes it twice with its rotating refresh token, has a backend introspect each access token,
 * and revokes every fourth session (then checks introspection says inactive). GoTrue faults are switched on and off
 * in phases: calm, half the sign-ups answered 500, every GoTrue call answered 500 (deletions included), calm,
 * sign-ups 400 ms slow, a fifth of the sign-up connections dropped.
 *
 * <p>Every minute it prints operations per second, p50/p99 per operation, the errors outside the injected faults
 * (any answer but 200 where nothing was injected, and anything but 200 or 503 on a mint while a fault is on; a 503
 * in the five seconds after a fault ended is counted apart, as the circuit breaker's recovery), each by status and
 * problem type, the heap used after a full GC, the process RSS, the sessions the broker remembers (each until its
 * maximum age, so the heap grows with them for the first hour), and the throwaway users alive in the emulator. At
 * the end it waits for the deletion queue and prints how long after each fault's end the first mint succeeded, and
 * the users left (expected 0). Prints figures; asserts nothing. The broker's rate limits are off: one machine plays
 * every visitor.
 *
 * <p>{@code java -cp <test classpath> dev.anonbroker.bench.SoakBenchmark [minutes=10] [clients=8] [phase-seconds=60]}
 */
public final class SoakBenchmark {

    private static final String CLIENT_ID = "soak";
    private static final String JSON = "application/json";
    /** After a fault ends, the circuit breaker may stay open until wait-in-open plus its probes: 5 s with defaults. */
    private static final long RECOVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final BrokerHarness broker;
    private final String backendAuthorization;
    private final AtomicBoolean faultOn = new AtomicBoolean();
    private final AtomicLong faultEpoch = new AtomicLong();
    private final Map<String, Window> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unexpected = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> injected = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> recovering = new ConcurrentSkipListMap<>();
    private final AtomicLong faultEndedAt = new AtomicLong(System.nanoTime() - RECOVERY_NANOS);
    /** Set when a fault phase ends; the first mint answered 200 after it records how long minting took to recover. */
    private final AtomicBoolean awaitingRecovery = new AtomicBoolean();
    private final List<String> recoveries = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String recoveryOf = "";
    private String activePhase = "";

    private SoakBenchmark(BrokerHarness broker, String backendAuthorization) {
        this.broker = broker;
        this.backendAuthorization = backendAuthorization;
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.parseInt(arg(args, 0, "10"));
        int clients = Integer.parseInt(arg(args, 1, "8"));
        int phaseSeconds = Integer.parseInt(arg(args, 2, "60"));
        String secret = TestSecrets.random(32);
        Map<String, Object> properties = Map.of(
                "broker.backend-clients." + CLIENT_ID + ".secret", secret,
                "broker.client-ip.source", "x-forwarded-for",
                "broker.rate-limit.enabled", false,
                "broker.cleanup.concurrency", 4);
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY).withBcryptCost(4), properties)) {
            SoakBenchmark soak = new SoakBenchmark(broker, BackendCalls.basic(CLIENT_ID, secret));
            soak.run(Duration.ofMinutes(minutes), clients, Duration.ofSeconds(phaseSeconds));
        }
    }

    private void run(Duration length, int clients, Duration phase) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(pool.submit(() -> {
                while (System.nanoTime() - end < 0) {
                    oneVisitor();
                }
            }));
        }
        System.out.printf("soak: %d min, %d clients, fault phases of %d s%n", length.toMinutes(), clients, phase.toSeconds());
        System.out.println("min  phase          ops/s  mint p50/p99 ms  refresh p50/p99  introspect p50/p99"
                + "  unexpected  injected  recovering  heap MB  rss MB  live sessions  users");
        long started = System.nanoTime();
        int minute = 0;
        String[] phases = {"calm", "signup 500s", "gotrue down", "calm", "signup slow", "drops"};
        while (System.nanoTime() - end < 0) {
            long minuteEnd = Math.min(end, started + TimeUnit.MINUTES.toNanos(minute + 1));
            String phaseOfMinute = currentPhaseName(phases, started, phase);
            while (System.nanoTime() - minuteEnd < 0) {
                long elapsed = System.nanoTime() - started;
                int index = (int) ((elapsed / phase.toNanos()) % phases.length);
                applyPhase(phases[index]);
                LockSupport.parkNanos(Math.min(minuteEnd - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)));
            }
            minute++;
            report(minute, phaseOfMinute);
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        broker.emulator().clearFaults();
        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + Duration.ofMinutes(2).toNanos();
        while (!broker.throwawayUsers().isEmpty() && System.nanoTime() - drainDeadline < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        System.out.printf("end: unexpected errors %s; injected-fault answers %s; 503 within 5 s after a fault ended %s%n",
                counts(unexpected), counts(injected), counts(recovering));
        System.out.printf("end: first mint answered 200 after each fault ended: %s%n", recoveries);
        System.out.printf("end: throwaway users left %d (waited %.1f s for the deletion queue)%n",
                broker.throwawayUsers().size(), (System.nanoTime() - drainStart) / 1e9);
    }

    private void applyPhase(String name) {
        if (name.equals(activePhase)) {
            return;
        }
        String ended = activePhase;
        activePhase = name;
        broker.emulator().clearFaults();
        switch (name) {
            case "signup 500s" -> broker.emulator().setFault("POST /signup", FaultRule.serverErrors(0.5));
            case "gotrue down" -> broker.emulator().setFault("*", FaultRule.serverErrors(1.0));
            case "signup slow" -> broker.emulator().setFault("POST /signup", FaultRule.latency(Duration.ofMillis(400)));
            case "drops" -> broker.emulator().setFault("POST /signup", FaultRule.dropped(0.2));
            default -> {
            }
        }
        boolean wasOn = faultOn.getAndSet(!name.equals("calm"));
        if (wasOn) {
            faultEndedAt.set(System.nanoTime());
        }
        if (wasOn && name.equals("calm")) {
            recoveryOf = ended;
            awaitingRecovery.set(true);
        }
        faultEpoch.incrementAndGet();
    }

    private static String currentPhaseName(String[] phases, long started, Duration phase) {
        return phases[(int) (((System.nanoTime() - started) / phase.toNanos()) % phases.length)];
    }

    private void oneVisitor() {
        String ip = visitorIp();
        long epoch = faultEpoch.get();
        boolean faultAtStart = faultOn.get();
        HttpResponse<String> minted = timed("mint", () -> broker.post("/anon-session", "{}",
                "Content-Type", JSON, "X-Forwarded-For", ip));
        if (minted.statusCode() != 200) {
            boolean faulty = faultAtStart || faultOn.get() || faultEpoch.get() != epoch;
            boolean afterFault = System.nanoTime() - faultEndedAt.get() < RECOVERY_NANOS;
            Map<String, LongAdder> kind = minted.statusCode() != 503 ? unexpected
                    : faulty ? injected : afterFault ? recovering : unexpected;
            count(kind, "mint " + minted.statusCode() + " " + problemName(minted));
            return;
        }
        if (awaitingRecovery.compareAndSet(true, false)) {
            recoveries.add(String.format("%s %.2f s", recoveryOf, (System.nanoTime() - faultEndedAt.get()) / 1e9));
        }
        JsonNode session = BrokerHarness.json(minted);
        String access = session.get("access_token").asText();
        String refresh = session.path("refresh_token").asText("");
        introspect(access, true);
        for (int i = 0; i < 2 && !refresh.isEmpty(); i++) {
            String body = "{\"refresh_token\":\"" + refresh + "\"}";
            HttpResponse<String> refreshed = timed("refresh", () -> broker.post("/anon-session/refresh", body,
                    "Content-Type", JSON, "X-Forwarded-For", ip));
            if (refreshed.statusCode() != 200) {
                count(unexpected, "refresh " + refreshed.statusCode());
                return;
            }
            JsonNode next = BrokerHarness.json(refreshed);
            access = next.get("access_token").asText();
            refresh = next.path("refresh_token").asText("");
            introspect(access, true);
        }
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            String revoked = access;
            HttpResponse<String> answer = timed("revoke", () -> BackendCalls.revoke(broker, backendAuthorization, revoked));
            if (answer.statusCode() != 200) {
                count(unexpected, "revoke " + answer.statusCode());
                return;
            }
            introspect(access, false);
        }
    }

    /** The last segment of a problem's {@code type} URI. */
    private static String problemName(HttpResponse<String> answer) {
        try {
            String type = BrokerHarness.json(answer).path("type").asText("");
            return type.substring(Math.max(type.lastIndexOf('/'), type.lastIndexOf(':')) + 1);
        } catch (RuntimeException notJson) {
            return "(not a problem)";
        }
    }

    private void introspect(String token, boolean expectActive) {
        HttpResponse<String> answer = timed("introspect", () -> BackendCalls.introspect(broker, backendAuthorization, token));
        if (answer.statusCode() != 200) {
            count(unexpected, "introspect " + answer.statusCode());
        } else if (BrokerHarness.json(answer).path("active").asBoolean() != expectActive) {
            count(unexpected, "introspect active=" + !expectActive);
        }
    }

    private HttpResponse<String> timed(String operation, java.util.function.Supplier<HttpResponse<String>> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            operations.computeIfAbsent(operation, o -> new Window()).add(System.nanoTime() - started);
        }
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private void report(int minute, String phase) {
        Map<String, long[]> snapshot = new ConcurrentHashMap<>();
        long total = 0;
        for (Map.Entry<String, Window> entry : operations.entrySet()) {
            long[] sorted = entry.getValue().drain();
            snapshot.put(entry.getKey(), sorted);
            total += sorted.length;
        }
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        System.out.printf("%3d  %-12s %7.0f  %6.1f/%-8.1f  %6.1f/%-8.1f  %6.1f/%-10.1f  %-10d  %-8d  %-10d  %7d  %6d  %13.0f  %5d%n",
                minute, phase, total / 60.0,
                p(snapshot.get("mint"), 50), p(snapshot.get("mint"), 99),
                p(snapshot.get("refresh"), 50), p(snapshot.get("refresh"), 99),
                p(snapshot.get("introspect"), 50), p(snapshot.get("introspect"), 99),
                sum(unexpected), sum(injected), sum(recovering), heap, rssMegabytes(), liveSessions(), broker.throwawayUsers().size());
    }

    /** Sessions whose refresh token the broker remembers: the state that grows until sessions reach their maximum age. */
    private double liveSessions() {
        Gauge gauge = broker.context().getBean(MeterRegistry.class)
                .find("broker.refresh.sessions").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static double p(long[] sorted, int percentile) {
        if (sorted == null || sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[index] / 1e6;
    }

    private static long sum(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> counts(Map<String, LongAdder> counts) {
        Map<String, Long> plain = new java.util.TreeMap<>();
        counts.forEach((key, value) -> plain.put(key, value.sum()));
        return plain;
    }

    private static long rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Latencies of one operation since the last report. */
    private static final class Window {
        private final List<Long> nanos = new ArrayList<>();

        synchronized void add(long value) {
            nanos.add(value);
        }

        synchronized long[] drain() {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            nanos.clear();
            return sorted;
        }
    }

    /** A header value from the 198.18.0.0/15 benchmarking range: every visitor its own address, as in production. */
    private static String visitorIp() {
        int n = ThreadLocalRandom.current().nextInt(1 << 17);
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
