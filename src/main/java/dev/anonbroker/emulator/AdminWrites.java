package dev.anonbroker.emulator;

/** The flavor-specific admin writes: create, update and delete of {@code /admin/users}. */
interface AdminWrites {

    Reply create(Call call, String requestAud);

    Reply update(Call call, StoredUser user);

    Reply delete(Call call, StoredUser user);

    /** A hard delete: the row goes, and with it the user's sessions and refresh tokens. Answers {@code {}}. */
    static Reply hardDelete(EmulatorContext context, StoredUser user) {
        context.users().remove(user.id);
        context.sessions().forgetUser(user.id);
        return Reply.ok(Json.object());
    }
}
