package dev.anonbroker.session;

import dev.anonbroker.credential.InvalidTokenException;
import dev.anonbroker.gotrue.CanonicalJws;
import dev.anonbroker.gotrue.GoTrueAccessToken;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueException;
import dev.anonbroker.gotrue.GoTrueTokenVerifier;
import dev.anonbroker.gotrue.GoTrueUser;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Step three: a GoTrue access token is verified before it is trusted. Either way its segments must be canonical
 * base64url ({@link CanonicalJws}): GoTrue's own Go decoder accepts other spellings too. With
 * {@code broker.gotrue.jwt-secret} the check is local (HS256 only, {@code exp}, {@code sub}, {@code aud},
 * {@code role}, {@code iss}); without it GoTrue itself is asked ({@code GET /user}), whose answer is GoTrue's current
 * record of the user.
 */
@Singleton
final class GoTrueAccessCheck {

    private final GoTrueClient gotrue;
    private final GoTrueTokenVerifier localVerifier;
    private final boolean local;

    GoTrueAccessCheck(GoTrueClient gotrue, GoTrueTokenVerifier localVerifier) {
        this.gotrue = gotrue;
        this.localVerifier = localVerifier;
        this.local = localVerifier.canVerifyLocally();
    }

    /** The token GoTrue just issued must belong to the user the broker just created. */
    void verifyIssued(ProvisionedUser user) {
        try {
            String subject = local ? localVerifier.verify(user.accessToken(), user.userId()).subject()
                    : gotrue.getUser(user.accessToken()).id();
            if (!user.userId().equals(subject)) {
                throw misconfigured("belongs to another user");
            }
        } catch (InvalidTokenException invalid) {
            throw misconfigured(invalid.getMessage());
        }
    }

    /** Who a presented token belongs to; 401 when GoTrue does not vouch for it. */
    PresentedUser identify(String accessToken) {
        try {
            CanonicalJws jws = CanonicalJws.parse(accessToken);
            if (local) {
                GoTrueAccessToken claims = localVerifier.verify(accessToken, null);
                return new PresentedUser(claims.subject(), claims.email(), claims.anonymous(), claims.userMetadata(),
                        false, new ExchangedToken(jws.contentKey(), claims.expiresAt()));
            }
            GoTrueUser user = gotrue.getUser(accessToken);
            return new PresentedUser(user.id(), user.email(), user.anonymous(), user.userMetadata(), true,
                    new ExchangedToken(jws.contentKey(), jws.unverifiedExpiry()));
        } catch (InvalidTokenException invalid) {
            throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN,
                    "Refused because " + invalid.getMessage() + ".");
        } catch (GoTrueException refused) {
            if (refused.kind() != GoTrueException.Kind.REJECTED) {
                throw refused;
            }
            throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN,
                    "GoTrue does not accept this access token (expired, revoked, or its user is gone).");
        }
    }

    private static ProblemException misconfigured(String why) {
        return new ProblemException(ProblemType.GOTRUE_UNAVAILABLE,
                "The identity service issued an access token the broker cannot verify (" + why + "). "
                        + "The broker's operator should check broker.gotrue.jwt-secret.", Map.of("Retry-After", "30"), null);
    }
}
