package dev.anonbroker.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.MutableClock;
import dev.anonbroker.support.SweepOperator;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep against the emulator over HTTP, with the broker's clock in the test's hand: orphans of every mode in each
 * flavor are deleted once older than the grace period, and users that are not ours survive every sweep.
 */
class SweepSelectionTest {

    record Case(String description, EmulatorFlavor flavor, String mode) {
        @Override
        public String toString() {
            return description;
        }

        boolean supabase() {
            return flavor == EmulatorFlavor.SUPABASE;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("netlify signup", EmulatorFlavor.NETLIFY, "signup"),
                new Case("netlify admin-create", EmulatorFlavor.NETLIFY, "admin-create"),
                new Case("supabase signup", EmulatorFlavor.SUPABASE, "signup"),
                new Case("supabase admin-create", EmulatorFlavor.SUPABASE, "admin-create"),
                new Case("supabase anonymous", EmulatorFlavor.SUPABASE, "anonymous"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deletesOrphansOlderThanTheGracePeriodAndNothingElse(Case testCase) {
        MutableClock clock = new MutableClock(Instant.now());
        Map<String, Object> properties = SweepOperator.manualSweeps("2m");
        properties.put("broker.gotrue.mode", testCase.mode());
        properties.put("broker.cleanup.delay", "1h");
        try (BrokerHarness broker = BrokerHarness.start(
                BrokerHarness.emulatorOptions(testCase.flavor()).withAnonymousUsers(testCase.supabase()), properties, clock)) {
            Set<String> notOurs = usersThatAreNotOurs(EmulatorAdmin.of(broker.emulator().baseUrl(), testCase.supabase()));
            Set<String> orphans = sessionsLeftBehind(broker, 3);

            JsonNode young = SweepOperator.sweep(broker);
            assertEquals("COMPLETED", young.get("outcome").asText());
            assertEquals(0, young.get("orphans_deleted").asInt(), "younger than the grace period: " + young);
            assertTrue(ids(broker).containsAll(orphans), "young throwaway users survive");

            clock.advance(Duration.ofMinutes(3));
            JsonNode old = SweepOperator.sweep(broker);
            assertEquals("COMPLETED", old.get("outcome").asText());
            assertEquals(3, old.get("orphans_deleted").asInt(), old.toString());
            assertTrue(ids(broker).stream().noneMatch(orphans::contains), "every orphan is deleted");
            assertTrue(ids(broker).containsAll(notOurs), "no other user is deleted");

            JsonNode again = SweepOperator.sweep(broker);
            assertEquals(0, again.get("orphans_deleted").asInt(), "a second sweep finds nothing: " + again);
            assertEquals(notOurs, ids(broker), "exactly the users that are not ours are left");
        }
    }

    /** Users the sweep must never delete, in the emulator's admin API. */
    private static Set<String> usersThatAreNotOurs(EmulatorAdmin admin) {
        Map<String, Object> marker = EmulatorAdmin.marker("another-broker");
        Set<String> ids = new HashSet<>();
        ids.add(admin.createUser("anon-" + suffix() + "@anon.invalid", Map.of(), null)); // no marker
        ids.add(admin.createUser("visitor-" + suffix() + "@example.com", Map.of("full_name", "A Visitor"), null));
        ids.add(admin.createUser("anon-" + suffix() + "@example.com", marker, null)); // marker, another domain
        ids.add(admin.createUser("bob-" + suffix() + "@anon.invalid", marker, null)); // marker, not an anon- address
        ids.add(admin.createUser("anon-" + suffix() + "@anon.invalid", marker, "another-audience")); // another aud
        if (admin.supabase()) {
            ids.add(admin.signUpAnonymously(Map.of())); // anonymous without marker
        }
        return ids;
    }

    /** Sessions whose users wait in the deletion queue (an hour's delay): the orphans a crash would leave. */
    private static Set<String> sessionsLeftBehind(BrokerHarness broker, int count) {
        Set<String> before = ids(broker);
        for (int i = 0; i < count; i++) {
            assertEquals(200, broker.post("/anon-session", null).statusCode());
        }
        Set<String> orphans = new HashSet<>(ids(broker));
        orphans.removeAll(before);
        assertEquals(count, orphans.size());
        return orphans;
    }

    private static Set<String> ids(BrokerHarness broker) {
        return broker.emulator().users().stream().map(EmulatedUser::id).collect(Collectors.toSet());
    }

    private static String suffix() {
        return TestSecrets.random(6).toLowerCase().replace('_', 'x').replace('-', 'y');
    }
}
