package dev.anonbroker.gotrue;

import dev.anonbroker.gotrue.support.TestGoTrue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one rule, as plain logic with fixed times: what is a throwaway user, what is an orphan, which list filter. */
class ThrowawayUserRuleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Map<String, Object> MARKER = Map.of("anon_broker", Map.of("broker_id", "b"));

    private static ThrowawayUserRule rule(GoTrueFlavor flavor) {
        return new ThrowawayUserRule(TestGoTrue.configuration(flavor, null, null));
    }

    private static GoTrueUser user(String email, boolean anonymous, Map<String, Object> metadata, Duration age) {
        return new GoTrueUser("id", "", email, anonymous, true, NOW.minus(age), metadata);
    }

    @Test
    void anOrphanIsAMarkedUserOfTheDomainOlderThanTheGracePeriod() {
        ThrowawayUserRule rule = rule(GoTrueFlavor.NETLIFY);
        assertTrue(rule.isOrphan(user("anon-x@anon.invalid", false, MARKER, GRACE), NOW, GRACE), "exactly the grace period");
        assertFalse(rule.isOrphan(user("anon-x@anon.invalid", false, MARKER, Duration.ofMinutes(1)), NOW, GRACE), "too young");
        assertTrue(rule.isYoungerThan(user("anon-x@anon.invalid", false, MARKER, Duration.ofMinutes(1)), NOW, GRACE));
        assertFalse(rule.isOrphan(user("anon-x@anon.invalid", false, Map.of(), Duration.ofHours(1)), NOW, GRACE), "no marker");
        assertFalse(rule.isOrphan(user("anon-x@example.com", false, MARKER, Duration.ofHours(1)), NOW, GRACE), "another domain");
        assertFalse(rule.isOrphan(user("bob@anon.invalid", false, MARKER, Duration.ofHours(1)), NOW, GRACE), "not an anon- address");
        assertFalse(rule.isOrphan(new GoTrueUser("id", "", "anon-x@anon.invalid", false, true, null, MARKER), NOW, GRACE),
                "no creation time");
    }

    @Test
    void anonymousUsersAreThrowawayOnlyInSupabaseAndOnlyWithTheMarker() {
        GoTrueUser anonymous = user("", true, MARKER, Duration.ofHours(1));
        assertTrue(rule(GoTrueFlavor.SUPABASE).isOrphan(anonymous, NOW, GRACE));
        assertFalse(rule(GoTrueFlavor.NETLIFY).isOrphan(anonymous, NOW, GRACE));
        assertFalse(rule(GoTrueFlavor.SUPABASE).isOrphan(user("", true, Map.of(), Duration.ofHours(1)), NOW, GRACE));
    }

    @Test
    void theListFilterIsTheEmailDomainUnlessAnonymousUsersArePossible() {
        assertEquals(Optional.of("@anon.invalid"), rule(GoTrueFlavor.NETLIFY).listFilter());
        assertEquals(Optional.empty(), rule(GoTrueFlavor.SUPABASE).listFilter());
    }

    @Test
    void aPoolMemberIsNoOrphanUntilAGracePeriodAfterItsHoldEndsAndTheHoldIsCappedAtADay() {
        ThrowawayUserRule rule = rule(GoTrueFlavor.NETLIFY);
        Duration age = Duration.ofHours(1);
        assertFalse(rule.isOrphan(held(age, NOW.plusSeconds(60)), NOW, GRACE), "held for another minute");
        assertFalse(rule.isOrphan(held(age, NOW.minusSeconds(60)), NOW, GRACE), "hold ended within the grace period");
        assertTrue(rule.isOrphan(held(age, NOW.minus(GRACE)), NOW, GRACE), "hold and grace period over");
        assertTrue(rule.isOrphan(held(Duration.ofDays(1).plus(GRACE), NOW.plus(Duration.ofDays(365))), NOW, GRACE),
                "a hold beyond a day after creation is cut to a day");
        assertFalse(rule.isOrphan(held(Duration.ofDays(1), NOW.plus(Duration.ofDays(365))), NOW, GRACE),
                "a day old, within the grace period after the capped hold");
        Map<String, Object> unreadable = Map.of("anon_broker", Map.of("broker_id", "b", "pooled_until", "soon"));
        assertTrue(rule.isOrphan(user("anon-x@anon.invalid", false, unreadable, age), NOW, GRACE),
                "an unreadable hold holds nothing");
        assertEquals(rule.pooledMarker("b", NOW, NOW.plusSeconds(5)), Map.of("anon_broker", Map.of("broker_id", "b",
                "created_at", NOW.toString(), "pooled_until", NOW.plusSeconds(5).toString())));
    }

    private static GoTrueUser held(Duration age, Instant pooledUntil) {
        return user("anon-x@anon.invalid", false,
                Map.of("anon_broker", Map.of("broker_id", "b", "pooled_until", pooledUntil.toString())), age);
    }
}
