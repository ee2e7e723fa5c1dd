package dev.anonbroker.cleanup;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's measurement: sign-ups that timed out at the broker while GoTrue went on to create their users. The
 * broker knows the emails it generated, so the deletion queue finds those users through the admin list's
 * {@code filter} and deletes them within the cleanup delay plus the lookup window, with the sweep off, and leaves
 * every other user alone, including users the filter also returns.
 */
class TimedOutSignupCleanupTest {

    private static final int TIMED_OUT = 10;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(300);
    private static final Duration SIGNUP_LATENCY = Duration.ofSeconds(1);
    /** Longer than the sign-up latency, so that the decoys exist before the first lookup. */
    private static final Duration CLEANUP_DELAY = Duration.ofSeconds(4);
    private static final Duration LOOKUP_WINDOW = Duration.ofSeconds(5);
    /** Room for a loaded machine on top of what the settings promise. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private static Map<String, Object> properties(Duration lookupWindow) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("broker.gotrue.read-timeout", READ_TIMEOUT.toMillis() + "ms");
        properties.put("broker.gotrue.request-deadline", "2s");
        // every timed-out sign-up must reach GoTrue: an open breaker would refuse some before they create a user
        properties.put("broker.gotrue.circuit-breaker.enabled", false);
        properties.put("broker.sweep.enabled", false);
        properties.put("broker.cleanup.delay", CLEANUP_DELAY.toMillis() + "ms");
        properties.put("broker.cleanup.lookup-window", lookupWindow.toMillis() + "ms");
        properties.put("broker.cleanup.lookup-interval", "200ms");
        return properties;
    }

    @ParameterizedTest
    @EnumSource(EmulatorFlavor.class)
    void usersOfTimedOutSignUpsAreFoundByEmailAndDeleted(EmulatorFlavor flavor) {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(flavor), properties(LOOKUP_WINDOW))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            EmulatorAdmin admin = EmulatorAdmin.of(broker.emulator().baseUrl(), flavor == EmulatorFlavor.SUPABASE);
            Set<String> ordinary = Set.of(
                    admin.createUser("visitor@example.org", Map.of(), null),
                    admin.createUser("anon-unmarked@anon.invalid", Map.of("full_name", "Anon Unmarked"), null),
                    admin.createUser("anon-marked-elsewhere@anon.invalid", EmulatorAdmin.marker("another-broker"), null));
            broker.emulator().setFault("POST /signup", FaultRule.latency(SIGNUP_LATENCY));

            for (int i = 0; i < TIMED_OUT; i++) {
                HttpResponse<String> response = broker.post("/anon-session", null);
                assertEquals(503, response.statusCode(), response.body());
            }
            broker.emulator().clearFaults();
            long recovered = System.nanoTime();

            Await.until("GoTrue created all " + TIMED_OUT + " users the broker gave up on", SIGNUP_LATENCY.plus(SLACK),
                    () -> createdBySignUp(broker, ordinary).size() == TIMED_OUT);
            List<String> generated = createdBySignUp(broker, ordinary);
            Set<String> decoys = plantDecoys(admin, generated);

            Await.until("every timed-out sign-up's user is deleted", CLEANUP_DELAY.plus(LOOKUP_WINDOW).plus(SLACK),
                    () -> broker.throwawayUsers().stream().noneMatch(u -> generated.contains(u.email())));
            long tookMillis = Duration.ofNanos(System.nanoTime() - recovered).toMillis();
            assertTrue(tookMillis <= CLEANUP_DELAY.plus(LOOKUP_WINDOW).plus(SLACK).toMillis(), tookMillis + " ms");

            Set<String> survivors = broker.emulator().users().stream().map(EmulatedUser::id).collect(Collectors.toSet());
            assertTrue(survivors.containsAll(ordinary), "ordinary users survive");
            assertTrue(survivors.containsAll(decoys), "users the filter also returns survive");
            assertEquals(ordinary.size() + decoys.size(), survivors.size());
            Await.until("the found users' deletions are counted", SLACK, () ->
                    meters.counter("broker.cleanup.deletions", "outcome", "deleted").count() == TIMED_OUT);
            assertEquals(TIMED_OUT, meters.counter("broker.cleanup.lookups", "outcome", "found").count());
            assertEquals(0, meters.counter("broker.cleanup.lookups", "outcome", "not_throwaway").count());
            assertEquals(0, meters.counter("broker.cleanup.handed.to.sweep", "reason", "lookup_window_passed").count());
            assertEquals(0, broker.context().getBean(DeletionQueue.class).pending());
        }
    }

    @ParameterizedTest
    @EnumSource(EmulatorFlavor.class)
    void aSignUpThatNeverCreatedItsUserIsLeftToTheSweepAfterTheWindow(EmulatorFlavor flavor) {
        Duration window = Duration.ofSeconds(1);
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(flavor), properties(window))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            broker.emulator().setFault("POST /signup",
                    new FaultRule(SIGNUP_LATENCY, 1.0, 0, 0, null));

            for (int i = 0; i < 3; i++) {
                assertEquals(503, broker.post("/anon-session", null).statusCode());
            }
            broker.emulator().clearFaults();

            Await.until("the lookups give up once the window has passed", CLEANUP_DELAY.plus(window).plus(SLACK),
                    () -> meters.counter("broker.cleanup.handed.to.sweep", "reason", "lookup_window_passed").count() == 3);
            assertEquals(0, broker.context().getBean(DeletionQueue.class).pending());
            double notFound = meters.counter("broker.cleanup.lookups", "outcome", "not_found").count();
            assertTrue(notFound >= 3 * 2, "each email was looked up more than once within the window: " + notFound);
            assertTrue(notFound <= 3 * (window.toMillis() / 200 + 2), "about window / interval lookups each: " + notFound);
            assertEquals(0, meters.counter("broker.cleanup.lookups", "outcome", "found").count());
            assertEquals(List.of(), broker.throwawayUsers());
        }
    }

    /** The emails of the marked users that the test did not create itself. */
    private static List<String> createdBySignUp(BrokerHarness broker, Set<String> createdByTest) {
        return broker.throwawayUsers().stream().filter(u -> !createdByTest.contains(u.id()))
                .map(EmulatedUser::email).toList();
    }

    /**
     * For the first generated email, two marked users in the throwaway shape that {@code filter=<email>} also returns:
     * one whose email contains it, one whose {@code full_name} is it. Only the exact email may count.
     */
    private static Set<String> plantDecoys(EmulatorAdmin admin, List<String> generated) {
        String email = generated.get(0);
        return Set.of(
                admin.createUser("anon-" + email, EmulatorAdmin.marker("another-broker"), null),
                admin.createUser("anon-decoy-by-name@anon.invalid",
                        withFullName(EmulatorAdmin.marker("another-broker"), email), null));
    }

    private static Map<String, Object> withFullName(Map<String, Object> metadata, String fullName) {
        Map<String, Object> copy = new HashMap<>(metadata);
        copy.put("full_name", fullName);
        return copy;
    }
}
