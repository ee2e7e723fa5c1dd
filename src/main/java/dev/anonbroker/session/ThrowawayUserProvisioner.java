package dev.anonbroker.session;

import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueConfiguration;
import dev.anonbroker.gotrue.GoTrueException;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.gotrue.GoTrueTokens;
import dev.anonbroker.gotrue.GoTrueUser;
import dev.anonbroker.gotrue.SignUpResult;
import dev.anonbroker.gotrue.ThrowawayCredentials;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * Steps one and two of a session: create a throwaway user in the configured mode and obtain its access token.
 * The user's id is handed to {@link CreatedUser} the moment GoTrue reports it, before any later step can fail; when
 * the creating call got no answer (timeout, connection lost), GoTrue may still create the user, and {@link CreatedUser}
 * keeps its email instead.
 */
@Singleton
final class ThrowawayUserProvisioner {

    private final GoTrueClient gotrue;
    private final GoTrueMode mode;
    private final ThrowawayIdentities identities;

    ThrowawayUserProvisioner(GoTrueClient gotrue, GoTrueConfiguration configuration, ThrowawayIdentities identities) {
        this.gotrue = gotrue;
        this.mode = configuration.mode();
        this.identities = identities;
    }

    GoTrueMode mode() {
        return mode;
    }

    ProvisionedUser provision(String clientIp, CreatedUser created) {
        return switch (mode) {
            case SIGNUP -> signUp(clientIp, created);
            case ADMIN_CREATE -> adminCreate(clientIp, created);
            case ANONYMOUS -> anonymous(clientIp, created);
        };
    }

    private ProvisionedUser signUp(String clientIp, CreatedUser created) {
        ThrowawayCredentials credentials = identities.newCredentials();
        SignUpResult result = creating(credentials, created,
                () -> gotrue.signUp(credentials, identities.marker(), clientIp));
        created.set(result.user().id());
        GoTrueTokens tokens = result.hasTokens() ? result.tokens() : gotrue.passwordGrant(credentials, clientIp);
        return new ProvisionedUser(result.user().id(), tokens.accessToken());
    }

    private ProvisionedUser adminCreate(String clientIp, CreatedUser created) {
        ThrowawayCredentials credentials = identities.newCredentials();
        GoTrueUser user = creating(credentials, created,
                () -> gotrue.createConfirmedUser(credentials, identities.marker()));
        created.set(user.id());
        GoTrueTokens tokens = gotrue.passwordGrant(credentials, clientIp);
        return new ProvisionedUser(user.id(), tokens.accessToken());
    }

    private ProvisionedUser anonymous(String clientIp, CreatedUser created) {
        GoTrueTokens tokens = gotrue.signUpAnonymously(identities.marker(), clientIp);
        created.set(tokens.user().id());
        return new ProvisionedUser(tokens.user().id(), tokens.accessToken());
    }

    static <T> T creating(ThrowawayCredentials credentials, CreatedUser created, Supplier<T> call) {
        try {
            return call.get();
        } catch (GoTrueException failure) {
            if (failure.kind() == GoTrueException.Kind.TIMEOUT || failure.kind() == GoTrueException.Kind.UNREACHABLE) {
                created.mayExistWithEmail(credentials.email());
            }
            throw failure;
        }
    }
}
