package dev.anonbroker.session;

/**
 * Remembers the id of the throwaway user a request created, as soon as GoTrue reports it, so that the request
 * queues it for deletion whatever happens afterwards. One instance per request.
 */
final class CreatedUser {

    private String id;

    void set(String userId) {
        this.id = userId;
    }

    String id() {
        return id;
    }

    boolean exists() {
        return id != null;
    }
}
