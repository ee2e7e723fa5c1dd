package dev.anonbroker.gotrue;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule that says whether a GoTrue user is one of the broker's throwaway users. The exchange refuses users
 * that fail it and the sweep deletes only users that pass it (and are old enough), so no other user is ever
 * deleted: a user must carry the {@value #MARKER_KEY} object in {@code user_metadata}, and either have an
 * {@code anon-...} email in {@code broker.gotrue.email-domain} or be a supabase anonymous user.
 */
@Singleton
public final class ThrowawayUserRule {

    /** The {@code user_metadata} key of the marker. */
    public static final String MARKER_KEY = "anon_broker";
    /**
     * The marker's key for how long a warm-pool member is held: until then, and a grace period after, the sweep leaves
     * it alone; once it has passed (the broker crashed, or forgot it) the sweep deletes it like any orphan.
     */
    public static final String POOLED_UNTIL_KEY = "pooled_until";
    /** The longest hold the sweep honours, counted from the user's creation: a later hold is cut to it. */
    public static final Duration MAX_POOL_HOLD = Duration.ofDays(1);
    static final String EMAIL_PREFIX = "anon-";

    private final String emailSuffix;
    private final boolean anonymousUsersPossible;

    public ThrowawayUserRule(GoTrueConfiguration configuration) {
        this.emailSuffix = "@" + configuration.emailDomain().toLowerCase(Locale.ROOT);
        this.anonymousUsersPossible = configuration.flavor() == GoTrueFlavor.SUPABASE;
    }

    /** The {@code user_metadata} that marks a user as created by this broker. */
    public Map<String, Object> marker(String brokerId, Instant createdAt) {
        return Map.of(MARKER_KEY, Map.of("broker_id", brokerId, "created_at", createdAt.toString()));
    }

    /** The marker of a warm-pool member, held by the pool until {@code pooledUntil}. */
    public Map<String, Object> pooledMarker(String brokerId, Instant createdAt, Instant pooledUntil) {
        return Map.of(MARKER_KEY, Map.of("broker_id", brokerId, "created_at", createdAt.toString(),
                POOLED_UNTIL_KEY, pooledUntil.toString()));
    }

    /** A throwaway email address in the configured domain for the given random part. */
    public String email(String randomPart) {
        return EMAIL_PREFIX + randomPart + emailSuffix;
    }

    public boolean isThrowaway(GoTrueUser user) {
        return isThrowaway(user.userMetadata(), user.email(), user.anonymous());
    }

    /** The same rule for what a GoTrue access token says about its user. */
    public boolean isThrowaway(Map<String, Object> userMetadata, String email, boolean anonymous) {
        if (userMetadata == null || !(userMetadata.get(MARKER_KEY) instanceof Map<?, ?>)) {
            return false;
        }
        if (anonymous) {
            return anonymousUsersPossible;
        }
        String lower = email == null ? "" : email.toLowerCase(Locale.ROOT);
        return lower.startsWith(EMAIL_PREFIX) && lower.endsWith(emailSuffix);
    }

    /**
     * Whether the sweep may delete this user now: a throwaway user older than the grace period, and not a warm-pool
     * member whose hold ({@value #POOLED_UNTIL_KEY}, at most {@link #MAX_POOL_HOLD} after creation) ended less than a
     * grace period ago.
     */
    public boolean isOrphan(GoTrueUser user, Instant now, Duration gracePeriod) {
        return isThrowaway(user) && user.createdAt() != null && !isYoungerThan(user, now, gracePeriod)
                && !isHeldByPool(user, now, gracePeriod);
    }

    private static boolean isHeldByPool(GoTrueUser user, Instant now, Duration gracePeriod) {
        if (!(user.userMetadata().get(MARKER_KEY) instanceof Map<?, ?> marker)
                || !(marker.get(POOLED_UNTIL_KEY) instanceof String text)) {
            return false;
        }
        try {
            Instant until = Instant.parse(text);
            Instant longest = user.createdAt().plus(MAX_POOL_HOLD);
            return (until.isAfter(longest) ? longest : until).plus(gracePeriod).isAfter(now);
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    /** Whether the user was created less than {@code gracePeriod} before {@code now}; false when GoTrue sent no time. */
    public boolean isYoungerThan(GoTrueUser user, Instant now, Duration gracePeriod) {
        return user.createdAt() != null && user.createdAt().plus(gracePeriod).isAfter(now);
    }

    /**
     * The {@code filter} of {@code GET /admin/users} that lists every throwaway user and as few others as possible: the
     * email domain ({@code @anon.invalid}), which GoTrue matches as a substring of the email. Empty when anonymous
     * users are possible (supabase), since their email is empty and a filter would hide them
     * (src/main/docs/guide/gotrue-compatibility.md section 5.6).
     */
    public Optional<String> listFilter() {
        return anonymousUsersPossible ? Optional.empty() : Optional.of(emailSuffix);
    }
}
