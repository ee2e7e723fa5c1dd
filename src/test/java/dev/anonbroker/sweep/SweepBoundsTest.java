package dev.anonbroker.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.SweepOperator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of users over many pages: every run stays within its page and deletion bounds, each run resumes where
 * the last stopped, and a few runs delete every orphan while the other users, interleaved with them, stay.
 */
class SweepBoundsTest {

    private static final int ORPHANS = 2000;
    private static final int OTHERS = 1000;
    private static final int MAX_PAGES = 8;
    private static final int MAX_DELETIONS = 500;

    @Test
    void severalBoundedRunsDeleteEveryOrphanAcrossManyPages() {
        Map<String, Object> properties = SweepOperator.manualSweeps("1ms");
        properties.put("broker.sweep.page-size", 100);
        properties.put("broker.sweep.max-pages-per-run", MAX_PAGES);
        properties.put("broker.sweep.max-deletions-per-run", MAX_DELETIONS);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), properties)) {
            Set<String> others = fill(EmulatorAdmin.of(broker.emulator().baseUrl(), true));

            List<JsonNode> runs = new ArrayList<>();
            JsonNode run;
            do {
                run = SweepOperator.sweep(broker);
                runs.add(run);
                assertTrue(run.get("pages_read").asInt() <= MAX_PAGES, "page bound: " + run);
                assertTrue(run.get("orphans_deleted").asInt() <= MAX_DELETIONS, "deletion bound: " + run);
                assertTrue(runs.size() <= 30, "the sweep makes progress: " + runs);
            } while (!"COMPLETED".equals(run.get("outcome").asText()));

            int deleted = runs.stream().mapToInt(r -> r.get("orphans_deleted").asInt()).sum();
            System.out.println("runs=" + runs.size() + " deleted=" + deleted + " pages=" + runs.stream()
                    .mapToInt(r -> r.get("pages_read").asInt()).sum());
            assertEquals(ORPHANS, deleted);
            assertTrue(runs.size() >= ORPHANS / MAX_DELETIONS, "the bounds forced several runs: " + runs.size());
            assertTrue(runs.stream().anyMatch(r -> r.get("next_position").asLong() > 0), "a run resumed past the start");
            assertEquals(0, broker.throwawayUsers().size(), "no orphan left");
            assertEquals(others, broker.emulator().users().stream().map(EmulatedUser::id).collect(Collectors.toSet()),
                    "every other user is intact");
        }
    }

    /** Creates the orphans and, interleaved (every third user), the others; returns the others' ids. */
    private static Set<String> fill(EmulatorAdmin admin) {
        Set<String> others = ConcurrentHashMap.newKeySet();
        Map<String, Object> marker = EmulatorAdmin.marker("bounds-test");
        IntStream.range(0, ORPHANS + OTHERS).parallel().forEach(i -> {
            if (i % 3 == 2) {
                others.add(admin.createUser("visitor-" + i + "@example.com", Map.of(), null));
            } else {
                admin.createUser("anon-" + i + "@anon.invalid", marker, null);
            }
        });
        assertEquals(OTHERS, others.size());
        return others;
    }
}
