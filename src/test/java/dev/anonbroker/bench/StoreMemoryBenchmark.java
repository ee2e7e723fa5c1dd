package dev.anonbroker.bench;

import dev.anonbroker.backend.RevocationList;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.gate.CaffeineSingleUseSet;
import dev.anonbroker.gate.SingleUseSet;
import dev.anonbroker.session.RefreshStoreFill;
import dev.anonbroker.support.BrokerHarness;

import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The heap each remembered entry takes in the broker's per-process stores, measured rather than estimated: the heap
 * after a GC before and after filling each store with {@code entries} entries, divided by {@code entries}.
 * <ul>
 *   <li>a {@link SingleUseSet}: spent GoTrue tokens of {@code /exchange} ({@code broker.exchange.max-remembered}),
 *       proof-of-work payloads and captcha tokens (each keeps a SHA-256 digest and an expiry, whatever the value);</li>
 *   <li>the refresh store ({@code broker.refresh.max-sessions}): one entry per live session;</li>
 *   <li>the revocation list ({@code broker.revocation.max-sessions}).</li>
 * </ul>
 * Prints figures; asserts nothing.
 *
 * <p>{@code java -cp <test classpath> dev.anonbroker.bench.StoreMemoryBenchmark [entries=200000]}
 */
public final class StoreMemoryBenchmark {

    public static void main(String[] args) {
        int entries = Integer.parseInt(args.length > 0 ? args[0] : "200000");
        System.out.printf("store memory: %,d entries each, heap after GC%n", entries);

        long empty = HeapAfterGc.bytes();
        SingleUseSet spent = new CaffeineSingleUseSet(entries, Clock.systemUTC());
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < entries; i++) {
            spent.use(randomToken(), inAnHour);
        }
        report("single-use set (exchange, proof of work, captcha)", HeapAfterGc.bytes() - empty, entries);
        Reference.reachabilityFence(spent);

        Map<String, Object> properties = Map.of("broker.refresh.max-sessions", entries,
                "broker.revocation.max-sessions", entries, "broker.rate-limit.enabled", false,
                "broker.sweep.enabled", false);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties)) {
            long before = HeapAfterGc.bytes();
            RefreshStoreFill.open(broker.context(), entries, "https://www.example.com");
            long filled = HeapAfterGc.bytes();
            report("refresh store (live sessions)", filled - before, entries);

            RevocationList revocations = broker.context().getBean(RevocationList.class);
            int revoked = 0;
            for (int i = 0; i < entries; i++) {
                if (revocations.revoke(UUID.randomUUID().toString(), inAnHour, RevocationList.Revoker.BACKEND_CLIENT)) {
                    revoked++;
                }
            }
            report("revocation list (revoked sessions)", HeapAfterGc.bytes() - filled, revoked);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void report(String store, long bytes, int entries) {
        System.out.printf("  %-52s %7.1f MB for %,d entries: %4d bytes each (so %<d MB a million)%n",
                store, bytes / 1e6, entries, bytes / entries);
    }
}
