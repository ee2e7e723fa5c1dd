package dev.anonbroker.gotrue;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
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

    /** Whether the sweep may delete this user now: a throwaway user older than the grace period. */
    public boolean isOrphan(GoTrueUser user, Instant now, Duration gracePeriod) {
        return isThrowaway(user) && user.createdAt() != null && !isYoungerThan(user, now, gracePeriod);
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
