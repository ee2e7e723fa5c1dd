package dev.anonbroker.session;

import dev.anonbroker.cleanup.DeletionQueue;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueDeadline;
import dev.anonbroker.gotrue.GoTrueException;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;

/**
 * The client-driven variant: the frontend created the throwaway user itself and presents its GoTrue access token.
 * Steps: verify the token, require the throwaway marker (others get 403 and are never deleted), reserve the token
 * once, confirm the user as GoTrue holds it now, mint, and queue the user for deletion.
 *
 * <p>A locally verified token's claims can be an hour old: the marker may have been removed since, or the user
 * deleted. So the user is read again through the admin API ({@code GET /admin/users/{id}}; local verification needs
 * the JWT secret, which is an admin credential). A token checked by {@code GET /user} already carries GoTrue's current
 * record of the user, so no second call is made.
 */
@Singleton
final class ExchangeService {

    private final GoTrueAccessCheck accessCheck;
    private final ThrowawayUserRule rule;
    private final OneTimeTokens oneTimeTokens;
    private final SessionMinter minter;
    private final GoTrueClient gotrue;
    private final DeletionQueue deletionQueue;
    private final GoTrueDeadline deadline;

    ExchangeService(GoTrueAccessCheck accessCheck, ThrowawayUserRule rule, OneTimeTokens oneTimeTokens,
                    SessionMinter minter, GoTrueClient gotrue, DeletionQueue deletionQueue, GoTrueDeadline deadline) {
        this.accessCheck = accessCheck;
        this.rule = rule;
        this.oneTimeTokens = oneTimeTokens;
        this.minter = minter;
        this.gotrue = gotrue;
        this.deletionQueue = deletionQueue;
        this.deadline = deadline;
    }

    IssuedTokens exchange(String gotrueAccessToken, SessionRequest request) {
        try (GoTrueDeadline.Scope ignored = deadline.open()) {
            return exchangeWithinDeadline(gotrueAccessToken, request);
        }
    }

    private IssuedTokens exchangeWithinDeadline(String gotrueAccessToken, SessionRequest request) {
        String audience = minter.audience(request);
        PresentedUser user = accessCheck.identify(gotrueAccessToken);
        requireThrowaway(user);
        oneTimeTokens.reserve(user.token());
        if (!user.current()) {
            confirmStillThrowaway(user);
        }
        try {
            return minter.startSession(user.id(), audience, request, null);
        } finally {
            deletionQueue.enqueue(user.id());
        }
    }

    private void requireThrowaway(PresentedUser user) {
        if (!rule.isThrowaway(user.userMetadata(), user.email(), user.anonymous())) {
            throw notThrowaway();
        }
    }

    private void confirmStillThrowaway(PresentedUser user) {
        try {
            var now = gotrue.findUser(user.id()).orElseThrow(() -> ProblemException.invalidToken(
                    ProblemType.INVALID_TOKEN, "The user of this GoTrue access token no longer exists."));
            if (!rule.isThrowaway(now)) {
                throw notThrowaway();
            }
        } catch (GoTrueException unanswered) {
            oneTimeTokens.release(user.token());
            throw unanswered;
        }
    }

    private static ProblemException notThrowaway() {
        return new ProblemException(ProblemType.NOT_A_THROWAWAY_USER,
                "This GoTrue user is not an anon-broker throwaway user: it lacks the user_metadata."
                        + ThrowawayUserRule.MARKER_KEY + " marker or the broker's email domain.");
    }
}
