package dev.anonbroker.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/** The heap in use after three collections, each awaited through the collectors' counts rather than a pause. */
final class HeapAfterGc {

    private HeapAfterGc() {
    }

    static long bytes() {
        for (int i = 0; i < 3; i++) {
            long before = collections();
            System.gc();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (collections() == before && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
