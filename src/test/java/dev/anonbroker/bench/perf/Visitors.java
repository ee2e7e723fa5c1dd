package dev.anonbroker.bench.perf;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Addresses for simulated visitors, one after another from 198.18.0.0/15 (the benchmarking range; only a header
 * value, nothing is sent there), so that GoTrue's per-IP limits fall on each visitor alone, as with real visitors.
 * They repeat after 131,072 visits.
 */
final class Visitors {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Visitors() {
    }

    static String nextIp() {
        int n = NEXT.getAndIncrement() & 0x1ffff;
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }
}
