package dev.anonbroker.session;

import java.util.Optional;

/**
 * Remembers the id of the throwaway user a request created, as soon as GoTrue reports it, so that the request
 * queues it for deletion whatever happens afterwards. When the creating call got no answer, GoTrue may still create
 * the user; then only its email is known, and the deletion queue looks it up by that. One instance per request.
 */
final class CreatedUser {

    private String id;
    private String unconfirmedEmail;

    void set(String userId) {
        this.id = userId;
    }

    /** The call creating a user with this email got no answer: the user may exist without the broker knowing its id. */
    void mayExistWithEmail(String email) {
        this.unconfirmedEmail = email;
    }

    String id() {
        return id;
    }

    boolean exists() {
        return id != null;
    }

    /** The email of a user that may exist though GoTrue never reported it; empty when the id is known or no call was lost. */
    Optional<String> unconfirmedEmail() {
        return id == null ? Optional.ofNullable(unconfirmedEmail) : Optional.empty();
    }
}
