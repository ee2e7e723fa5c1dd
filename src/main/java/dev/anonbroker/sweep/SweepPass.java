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
 * <p>Deleting while paging shifts later users onto earlier pages (src/main/docs/guide/gotrue-compatibility.md section
 * 5.6). So the walk counts the users it keeps: the first user not examined yet sits at that list position, and the next
 * page read starts there or a few users before it (see {@link #window}); users before that position are not examined
 * again. Users already examined in this run are also skipped by id, so a list that shifted less than expected costs a
 * re-read, never a wrong decision. A bounded run ends by naming the position the next run starts from. Since the list
 * is sorted by {@code created_at asc}, the first user younger than the grace period ends the walk: every later user is
 * younger still. Other instances or the deletion queue deleting at the same time can only make this run miss a user,
 * which the next run finds; they can never make it delete one that the rule does not select.
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

    /** Walks from {@code run.position()} until the list ends or a bound is met. Throws the GoTrue failure that stopped it. */
    void walk(SweepRun run, Instant now) {
        Walk walk = new Walk(new HashSet<>(), run.position());
        String filter = rule.listFilter().orElse(null);
        while (run.pagesRead() < configuration.maxPagesPerRun()) {
            run.moveTo(walk.position);
            UserQuery query = window(walk.position, configuration.pageSize(), filter);
            GoTrueUserPage page = retries.call(run, () -> gotrue.listUsers(query));
            run.pageRead(page.totalCount());
            long windowStart = (long) (query.page() - 1) * query.perPage();
            List<GoTrueUser> users = page.users();
            PageResult result = examine(users.subList((int) Math.min(users.size(), walk.position - windowStart), users.size()),
                    walk, run, now);
            if (result == PageResult.BOUND_MET) {
                run.end(SweepOutcome.BOUNDED, walk.position);
                return;
            }
            if (result == PageResult.YOUNG_USER_MET || !page.hasNext()) {
                run.end(SweepOutcome.COMPLETED, 0);
                return;
            }
            if (result == PageResult.NOTHING_NEW) {
                walk.position = (long) query.page() * query.perPage();
            }
        }
        run.end(SweepOutcome.BOUNDED, walk.position);
    }

    /**
     * The page that starts at, or just before, list position {@code position} and holds about {@code size} users
     * after it. GoTrue pages by {@code (page - 1) * per_page}, with no maximum {@code per_page} (section 2.9), so a
     * {@code per_page} between {@code size} and twice that can start within a few users of any position, and users
     * already examined are read again only by those few.
     */
    static UserQuery window(long position, int size, String filter) {
        if (position < size) {
            return new UserQuery(1, (int) (size + position), filter, true);
        }
        long pagesBefore = position / size;
        return new UserQuery((int) pagesBefore + 1, (int) (position / pagesBefore), filter, true);
    }

    private enum PageResult { NOTHING_NEW, EXAMINED, YOUNG_USER_MET, BOUND_MET }

    /**
     * Where the walk is: the users examined in this run, and the list position of the first user not examined yet
     * (users kept so far, counted from where the run started; removed users no longer take a position).
     */
    private static final class Walk {
        private final Set<String> seen;
        private long position;

        Walk(Set<String> seen, long position) {
            this.seen = seen;
            this.position = position;
        }
    }

    private PageResult examine(List<GoTrueUser> users, Walk walk, SweepRun run, Instant now) {
        boolean anyNew = false;
        for (GoTrueUser user : users) {
            if (!walk.seen.add(user.id())) {
                continue;
            }
            anyNew = true;
            run.scanned();
            if (rule.isYoungerThan(user, now, configuration.gracePeriod())) {
                return PageResult.YOUNG_USER_MET;
            }
            if (!rule.isOrphan(user, now, configuration.gracePeriod())) {
                walk.position++;
            } else if (run.removals() >= configuration.maxDeletionsPerRun()) {
                walk.seen.remove(user.id());
                return PageResult.BOUND_MET;
            } else if (!delete(user, run)) {
                walk.position++;
            }
        }
        return anyNew ? PageResult.EXAMINED : PageResult.NOTHING_NEW;
    }

    /** Deletes an orphan; false when GoTrue refused (not 404), which leaves the user in place and the walk going on. */
    private boolean delete(GoTrueUser user, SweepRun run) {
        try {
            DeleteOutcome outcome = retries.call(run, () -> gotrue.deleteUser(user.id()));
            run.removed(outcome == DeleteOutcome.ALREADY_GONE);
            return true;
        } catch (GoTrueException failure) {
            if (failure.isTransient()) {
                throw failure;
            }
            return false;
        }
    }
}
