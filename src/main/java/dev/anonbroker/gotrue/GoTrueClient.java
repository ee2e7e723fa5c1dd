package dev.anonbroker.gotrue;

import java.util.Map;
import java.util.Optional;

/**
 * The broker's port to GoTrue, in the broker's own terms. One implementation, {@link HttpGoTrueClient}, owns
 * every flavor difference and every HTTP detail. All methods block: call them off the Netty event loop.
 * Every failure is a {@link GoTrueException}.
 *
 * <p>{@code clientIp} is the visitor's IP, forwarded in the configured header so that GoTrue's own per-IP rate
 * limits fall on visitors; null when unknown.
 */
public interface GoTrueClient {

    /** {@code POST /signup} with email and password; {@code userMetadata} becomes the user's {@code user_metadata}. */
    SignUpResult signUp(ThrowawayCredentials credentials, Map<String, Object> userMetadata, String clientIp);

    /** Supabase anonymous sign-in: {@code POST /signup} with no email and no phone. Answers with tokens. */
    GoTrueTokens signUpAnonymously(Map<String, Object> userMetadata, String clientIp);

    /** {@code POST /admin/users} creating a confirmed user (netlify {@code confirm}, supabase {@code email_confirm}). */
    GoTrueUser createConfirmedUser(ThrowawayCredentials credentials, Map<String, Object> userMetadata);

    /** {@code POST /token} password grant, in the flavor's request shape. */
    GoTrueTokens passwordGrant(ThrowawayCredentials credentials, String clientIp);

    /** {@code GET /user}: GoTrue's own verdict on an access token, and the user it belongs to. */
    GoTrueUser getUser(String accessToken);

    /** {@code DELETE /admin/users/{id}}; a 404 answer is {@link DeleteOutcome#ALREADY_GONE}. */
    DeleteOutcome deleteUser(String userId);

    /** One page of {@code GET /admin/users} in the configured audience. */
    GoTrueUserPage listUsers(UserQuery query);

    /** {@code GET /settings}, the switches the broker checks before it relies on a mode. */
    GoTrueSettings settings();

    /** {@code GET /health}: true when GoTrue answered 200. Never throws. */
    boolean isReachable();

    /**
     * {@code GET /admin/users/{id}} with the admin credential: the user as GoTrue holds it now, or empty when there is
     * no such user (404; an id that is no UUID names no user either, so it is not sent).
     */
    Optional<GoTrueUser> findUser(String userId);
}
