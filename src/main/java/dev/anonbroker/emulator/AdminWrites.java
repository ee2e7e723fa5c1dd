package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The flavor-specific admin writes: create, update and delete of {@code /admin/users}. */
interface AdminWrites {

    Reply create(Call call, String requestAud);

    Reply update(Call call, StoredUser user);

    Reply delete(Call call, StoredUser user);

    /**
     * A hard delete: the row goes, and with it the user's sessions and refresh tokens. Answers {@code {}}; a
     * concurrent delete that removed the row first makes this one the 404 a later delete would get.
     */
    static Reply hardDelete(EmulatorContext context, StoredUser user) {
        if (context.users().remove(user.id).isEmpty()) {
            throw userNotFound(context);
        }
        context.sessions().forgetUser(user.id);
        return Reply.ok(Json.object());
    }

    /** The flavor's 404 for an id naming no user. */
    static ApiError userNotFound(EmulatorContext context) {
        return context.options().flavor() == EmulatorFlavor.NETLIFY ? ApiError.netlify(404, "User not found")
                : ApiError.of(404, "user_not_found", "User not found");
    }

    /** Update of both flavors: object-valued {@code app_metadata}/{@code user_metadata} merge into the user's. */
    static void mergeMetadata(StoredUser user, ObjectNode params) {
        synchronized (user) {
            if (params.path("app_metadata").isObject()) {
                user.appMetadata = Json.merge(user.appMetadata, params.get("app_metadata"));
            }
            if (params.path("user_metadata").isObject()) {
                user.userMetadata = Json.merge(user.userMetadata, params.get("user_metadata"));
            }
        }
    }
}
