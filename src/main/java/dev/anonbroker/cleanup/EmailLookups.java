package dev.anonbroker.cleanup;

import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueUser;
import dev.anonbroker.gotrue.GoTrueUserPage;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import dev.anonbroker.gotrue.UserQuery;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the user a timed-out sign-up may have created, by the email the broker generated for it: {@code GET
 * /admin/users?filter=<email>}. GoTrue's filter is a substring match on the email or {@code user_metadata.full_name}
 * (case-insensitive on netlify, case-sensitive on supabase), so the answer is checked here: only a user with exactly
 * that email counts, and it is deleted only if it also passes {@link ThrowawayUserRule}. Because GoTrue may finish the
 * sign-up later than the first lookup, lookups repeat every {@code broker.cleanup.lookup-interval} until
 * {@code broker.cleanup.lookup-window} has passed since GoTrue first answered one.
 */
@Singleton
final class EmailLookups {

    /** Users with that email are at most one; the pages leave room for others whose {@code full_name} matches. */
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 4;

    enum Outcome { FOUND, NOT_FOUND, NOT_THROWAWAY }

    /** @param user the user with exactly that email; null when {@link Outcome#NOT_FOUND} */
    record Result(Outcome outcome, GoTrueUser user) {
    }

    private final GoTrueClient gotrue;
    private final ThrowawayUserRule rule;
    private final Clock clock;
    private final Duration window;
    private final Duration interval;

    EmailLookups(GoTrueClient gotrue, ThrowawayUserRule rule, Clock clock, CleanupConfiguration configuration) {
        this.gotrue = gotrue;
        this.rule = rule;
        this.clock = clock;
        this.window = configuration.lookupWindow();
        this.interval = configuration.lookupInterval();
    }

    /** One lookup; a failed GoTrue call is thrown as it came. */
    Result find(String email) {
        for (int page = 1; page <= MAX_PAGES; page++) {
            GoTrueUserPage answer = gotrue.listUsers(new UserQuery(page, PAGE_SIZE, email, false));
            for (GoTrueUser user : answer.users()) {
                if (user.email().equalsIgnoreCase(email)) {
                    return new Result(rule.isThrowaway(user) ? Outcome.FOUND : Outcome.NOT_THROWAWAY, user);
                }
            }
            if (!answer.hasNext()) {
                break;
            }
        }
        return new Result(Outcome.NOT_FOUND, null);
    }

    /** The job's progress after an answer that did not find the user: the window starts with the first such answer. */
    Progress notFound(Progress progress) {
        return progress.answeredAt(clock.millis());
    }

    /** The wait before the next lookup, the last one falling at the window's end; empty once the window has passed. */
    Optional<Duration> nextLookup(Progress progress) {
        Duration left = window.minusMillis(clock.millis() - progress.firstAnswerAt());
        if (left.isZero() || left.isNegative()) {
            return Optional.empty();
        }
        return Optional.of(left.compareTo(interval) < 0 ? left : interval);
    }
}
