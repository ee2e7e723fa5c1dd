package dev.anonbroker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.SweepOperator;

import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Not a test: measures the orphan sweep against the in-JVM emulator over HTTP. Fills the emulator with N users
 * (a share of them orphans, the rest ordinary users, interleaved), runs sweeps through {@code POST /sweep} until
 * one completes, and prints users scanned per second and orphans deleted per second.
 *
 * <p>Arguments (all optional): {@code users} (default 10000), {@code orphan share} (default 0.5), {@code flavor}
 * ({@code supabase}, unfiltered walk, or {@code netlify}, filtered by the email domain; default supabase),
 * {@code page size} (default 100).
 */
public final class SweepBenchmark {

    private SweepBenchmark() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double orphanShare = args.length > 1 ? Double.parseDouble(args[1]) : 0.5;
        EmulatorFlavor flavor = args.length > 2 ? EmulatorFlavor.valueOf(args[2].toUpperCase(Locale.ROOT)) : EmulatorFlavor.SUPABASE;
        int pageSize = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        Map<String, Object> properties = SweepOperator.manualSweeps("1ms");
        properties.put("broker.sweep.page-size", pageSize);
        properties.put("broker.sweep.max-pages-per-run", 1_000_000);
        properties.put("broker.sweep.max-deletions-per-run", 1_000_000);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(flavor), properties)) {
            int orphans = fill(EmulatorAdmin.of(broker.emulator().baseUrl(), flavor == EmulatorFlavor.SUPABASE), users, orphanShare);
            run(broker, users, orphans);
        }
        System.exit(0);
    }

    private static int fill(EmulatorAdmin admin, int users, double orphanShare) {
        long start = System.nanoTime();
        Map<String, Object> marker = EmulatorAdmin.marker("benchmark");
        int every = orphanShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / orphanShare);
        int orphans = (int) IntStream.range(0, users).parallel().filter(i -> {
            boolean orphan = i % every == 0;
            admin.createUser((orphan ? "anon-" : "visitor-") + i + (orphan ? "@anon.invalid" : "@example.com"),
                    orphan ? marker : Map.of(), null);
            return orphan;
        }).count();
        System.out.printf(Locale.ROOT, "filled %d users (%d orphans) in %.1f s%n", users, orphans,
                (System.nanoTime() - start) / 1e9);
        return orphans;
    }

    private static void run(BrokerHarness broker, int users, int orphans) {
        long scanned = 0;
        long deleted = 0;
        long millis = 0;
        int runs = 0;
        JsonNode summary;
        do {
            summary = SweepOperator.sweep(broker);
            runs++;
            scanned += summary.get("users_scanned").asLong();
            deleted += summary.get("orphans_deleted").asLong();
            millis += summary.get("duration_ms").asLong();
        } while (!"COMPLETED".equals(summary.get("outcome").asText()));
        double seconds = Math.max(millis, 1) / 1000.0;
        System.out.printf(Locale.ROOT, "users=%d orphans=%d runs=%d scanned=%d deleted=%d duration=%.2f s%n",
                users, orphans, runs, scanned, deleted, seconds);
        System.out.printf(Locale.ROOT, "users scanned per second: %.0f%n", scanned / seconds);
        System.out.printf(Locale.ROOT, "orphans deleted per second: %.0f%n", deleted / seconds);
        System.out.printf(Locale.ROOT, "left behind: %d throwaway users%n", broker.throwawayUsers().size());
    }
}
