package dev.anonbroker.session;

import dev.anonbroker.cleanup.DeletionQueue;
import dev.anonbroker.gotrue.GoTrueDeadline;
import dev.anonbroker.gotrue.ThrowawayUserRule;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;

/**
 * The client-driven variant: the frontend created the throwaway user itself and presents its GoTrue access token.
 * Steps: verify the token, require the throwaway marker (others get 403 and are never deleted), accept the token
 * once, mint, and queue the user for deletion.
 */
@Singleton
final class ExchangeService {

    private final GoTrueAccessCheck accessCheck;
    private final ThrowawayUserRule rule;
    private final OneTimeTokens oneTimeTokens;
    private final SessionMinter minter;
    private final DeletionQueue deletionQueue;
    private final GoTrueDeadline deadline;

    ExchangeService(GoTrueAccessCheck accessCheck, ThrowawayUserRule rule, OneTimeTokens oneTimeTokens,
                    SessionMinter minter, DeletionQueue deletionQueue, GoTrueDeadline deadline) {
        this.accessCheck = accessCheck;
        this.rule = rule;
        this.oneTimeTokens = oneTimeTokens;
        this.minter = minter;
        this.deletionQueue = deletionQueue;
        this.deadline = deadline;
    }

    AnonSessionResponse exchange(String gotrueAccessToken, SessionRequest request) {
        try (GoTrueDeadline.Scope ignored = deadline.open()) {
            return exchangeWithinDeadline(gotrueAccessToken, request);
        }
    }

    private AnonSessionResponse exchangeWithinDeadline(String gotrueAccessToken, SessionRequest request) {
        String audience = minter.audience(request);
        PresentedUser user = accessCheck.identify(gotrueAccessToken);
        if (!rule.isThrowaway(user.userMetadata(), user.email(), user.anonymous())) {
            throw new ProblemException(ProblemType.NOT_A_THROWAWAY_USER,
                    "This GoTrue user is not an anon-broker throwaway user: it lacks the user_metadata."
                            + ThrowawayUserRule.MARKER_KEY + " marker or the broker's email domain.");
        }
        if (!oneTimeTokens.firstUse(gotrueAccessToken)) {
            throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN,
                    "This GoTrue access token was already exchanged; each can be exchanged once.");
        }
        try {
            return minter.startSession(user.id(), audience, request, null);
        } finally {
            deletionQueue.enqueue(user.id());
        }
    }
}
