package dev.anonbroker.sweep;

import dev.anonbroker.gotrue.DeleteOutcome;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueException;
import dev.anonbroker.gotrue.GoTrueUser;
import dev.anonbroker.gotrue.GoTrueUserPage;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import dev.anonbroker.gotrue.UserQuery;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One walk over {@code GET /admin/users}, oldest first, deleting the users {@link ThrowawayUserRule#isOrphan} selects.
 *
 * <p>Deleting while paging shifts later users onto earlier pages (gotrue-contract.md section 5.6). So after a page on
 * which users were removed, the same page is read again; users already examined in this run are skipped by id. A page
 * without removals moves the walk on. Since the list is sorted by {@code created_at asc}, the first user younger
 * than the grace period ends the walk: every later user is younger still. Other instances or the deletion queue
 * deleting at the same time can only make this run miss a user, which the next run finds; they can never make it
 * delete one that the rule does not select.
 */
@Singleton
final class SweepPass {

    private final GoTrueClient gotrue;
    private final ThrowawayUserRule rule;
    private final SweepConfiguration configuration;
    private final GoTrueRetries retries;

    SweepPass(GoTrueClient gotrue, ThrowawayUserRule rule, SweepConfiguration configuration, GoTrueRetries retries) {
        this.gotrue = gotrue;
        this.rule = rule;
        this.configuration = configuration;
        this.retries = retries;
    }

    /** Walks from {@code run.page()} until the list ends or a bound is met. Throws the GoTrue failure that stopped it. */
    void walk(SweepRun run, Instant now) {
        Set<String> seen = new HashSet<>();
        String filter = rule.listFilter().orElse(null);
        while (run.pagesRead() < configuration.maxPagesPerRun()) {
            UserQuery query = new UserQuery(run.page(), configuration.pageSize(), filter, true);
            GoTrueUserPage page = retries.call(run, () -> gotrue.listUsers(query));
            run.pageRead(page.totalCount());
            PageResult result = examine(page.users(), seen, run, now);
            if (result == PageResult.BOUND_MET) {
                run.end(SweepOutcome.BOUNDED, run.page());
                return;
            }
            if (result == PageResult.YOUNG_USER_MET || !page.hasNext()) {
                run.end(SweepOutcome.COMPLETED, 1);
                return;
            }
            if (result == PageResult.NOTHING_REMOVED) {
                run.moveTo(run.page() + 1);
            }
        }
        run.end(SweepOutcome.BOUNDED, run.page());
    }

    private enum PageResult { NOTHING_REMOVED, USERS_REMOVED, YOUNG_USER_MET, BOUND_MET }

    private PageResult examine(List<GoTrueUser> users, Set<String> seen, SweepRun run, Instant now) {
        int removedBefore = run.removals();
        for (GoTrueUser user : users) {
            if (!seen.add(user.id())) {
                continue;
            }
            run.scanned();
            if (rule.isYoungerThan(user, now, configuration.gracePeriod())) {
                return PageResult.YOUNG_USER_MET;
            }
            if (rule.isOrphan(user, now, configuration.gracePeriod())) {
                if (run.removals() >= configuration.maxDeletionsPerRun()) {
                    return PageResult.BOUND_MET;
                }
                delete(user, run);
            }
        }
        return run.removals() > removedBefore ? PageResult.USERS_REMOVED : PageResult.NOTHING_REMOVED;
    }

    private void delete(GoTrueUser user, SweepRun run) {
        try {
            DeleteOutcome outcome = retries.call(run, () -> gotrue.deleteUser(user.id()));
            run.removed(outcome == DeleteOutcome.ALREADY_GONE);
        } catch (GoTrueException failure) {
            if (failure.isTransient()) {
                throw failure;
            }
            // refused (not 404): counted as a failure by the retries; the user stays and the walk goes on
        }
    }
}
