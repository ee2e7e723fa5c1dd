package dev.anonbroker.session;

import dev.anonbroker.cleanup.DeletionQueue;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueConfiguration;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.gotrue.GoTrueTokens;
import dev.anonbroker.gotrue.GoTrueUser;
import dev.anonbroker.gotrue.ThrowawayCredentials;
import dev.anonbroker.pool.MemberProvisioner;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Warm-pool members, made as the mode would make them but through the admin API wherever it can: GoTrue limits
 * neither flavor's {@code POST /admin/users}. In {@code signup} and {@code admin-create} modes a confirmed user is
 * created there and logged in with a password grant; in {@code anonymous} mode only an anonymous sign-up makes an
 * anonymous user. Either way its access token is verified like a visitor's ({@link GoTrueAccessCheck}) and then
 * dropped. No client IP is forwarded: there is no visitor, so GoTrue counts every refill against the broker itself.
 * A user made by a refill that fails afterwards is queued for deletion here.
 */
@Singleton
final class PooledUserProvisioner implements MemberProvisioner {

    private final GoTrueClient gotrue;
    private final GoTrueMode mode;
    private final ThrowawayIdentities identities;
    private final GoTrueAccessCheck accessCheck;
    private final DeletionQueue deletionQueue;

    PooledUserProvisioner(GoTrueClient gotrue, GoTrueConfiguration configuration, ThrowawayIdentities identities,
                          GoTrueAccessCheck accessCheck, DeletionQueue deletionQueue) {
        this.gotrue = gotrue;
        this.mode = configuration.mode();
        this.identities = identities;
        this.accessCheck = accessCheck;
        this.deletionQueue = deletionQueue;
    }

    @Override
    public String provision(Instant pooledUntil) {
        CreatedUser created = new CreatedUser();
        boolean proven = false;
        try {
            ProvisionedUser user = mode == GoTrueMode.ANONYMOUS ? anonymous(pooledUntil, created)
                    : confirmed(pooledUntil, created);
            accessCheck.verifyIssued(user);
            proven = true;
            return user.userId();
        } finally {
            if (!proven) {
                if (created.exists()) {
                    deletionQueue.enqueue(created.id());
                }
                created.unconfirmedEmail().ifPresent(deletionQueue::enqueueByEmail);
            }
        }
    }

    private ProvisionedUser confirmed(Instant pooledUntil, CreatedUser created) {
        ThrowawayCredentials credentials = identities.newCredentials();
        GoTrueUser user = ThrowawayUserProvisioner.creating(credentials, created,
                () -> gotrue.createConfirmedUser(credentials, identities.pooledMarker(pooledUntil)));
        created.set(user.id());
        GoTrueTokens tokens = gotrue.passwordGrant(credentials, null);
        return new ProvisionedUser(user.id(), tokens.accessToken());
    }

    private ProvisionedUser anonymous(Instant pooledUntil, CreatedUser created) {
        GoTrueTokens tokens = gotrue.signUpAnonymously(identities.pooledMarker(pooledUntil), null);
        created.set(tokens.user().id());
        return new ProvisionedUser(tokens.user().id(), tokens.accessToken());
    }
}
