/**
 * The orphan sweep: the safety net behind the deletion queue. A thin scheduled job ({@link dev.anonbroker.sweep.SweepJob})
 * runs one sweep soon after start-up and then on an interval or cron; each run walks GoTrue's admin user list oldest
 * first, page by page and within bounds, and deletes the throwaway users that
 * {@link dev.anonbroker.gotrue.ThrowawayUserRule#isOrphan} selects, with the deletion queue's retry policy.
 * An operator endpoint ({@code /sweep}) triggers a run and shows the last one; micronaut-security authenticates its
 * callers through {@link dev.anonbroker.sweep.OperatorTokenValidator} (role {@code OPERATOR}). Endpoint and validator
 * exist only when {@code broker.sweep.operator-token} is set, so otherwise {@code /sweep} is a 404 like any unknown path.
 *
 * <p>It must never delete a user the rule does not select, never run two sweeps at once in one process, never
 * ignore GoTrue's 429, and never call GoTrue other than through {@link dev.anonbroker.gotrue.GoTrueClient}.
 */
package dev.anonbroker.sweep;
