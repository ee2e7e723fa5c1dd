package dev.anonbroker.session;

import dev.anonbroker.cleanup.DeletionQueue;
import dev.anonbroker.gotrue.GoTrueDeadline;
import dev.anonbroker.pool.WarmPool;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The throwaway-user scheme as named steps: check the mode, create a throwaway user, obtain and verify its access
 * token, mint a broker token, and queue the user for deletion. The deletion is queued in {@code finally}: once GoTrue
 * has reported a user, no failure of a later step can leak it. A member of the warm pool, when there is one, replaces
 * the first three steps: it was created and proven ahead of demand, so that session makes no GoTrue call.
 */
@Singleton
final class AnonSessionService {

    private final ModeReadiness readiness;
    private final ThrowawayUserProvisioner provisioner;
    private final GoTrueAccessCheck accessCheck;
    private final SessionMinter minter;
    private final DeletionQueue deletionQueue;
    private final GoTrueDeadline deadline;
    private final WarmPool pool;

    AnonSessionService(ModeReadiness readiness, ThrowawayUserProvisioner provisioner, GoTrueAccessCheck accessCheck,
                       SessionMinter minter, DeletionQueue deletionQueue, GoTrueDeadline deadline, WarmPool pool) {
        this.readiness = readiness;
        this.provisioner = provisioner;
        this.accessCheck = accessCheck;
        this.minter = minter;
        this.deletionQueue = deletionQueue;
        this.deadline = deadline;
        this.pool = pool;
    }

    IssuedTokens start(SessionRequest request) {
        String audience = minter.audience(request);
        Optional<String> pooled = pool.claim();
        if (pooled.isPresent()) {
            return startFromPool(pooled.get(), audience, request);
        }
        CreatedUser created = new CreatedUser();
        try (GoTrueDeadline.Scope ignored = deadline.open()) {
            readiness.ensureReady();
            ProvisionedUser user = provisioner.provision(request.clientIp(), created);
            accessCheck.verifyIssued(user);
            return minter.startSession(user.userId(), audience, request, provisioner.mode());
        } finally {
            if (created.exists()) {
                deletionQueue.enqueue(created.id());
            }
            created.unconfirmedEmail().ifPresent(deletionQueue::enqueueByEmail);
        }
    }

    private IssuedTokens startFromPool(String userId, String audience, SessionRequest request) {
        try {
            return minter.startSession(userId, audience, request, provisioner.mode());
        } finally {
            deletionQueue.enqueue(userId);
        }
    }
}
