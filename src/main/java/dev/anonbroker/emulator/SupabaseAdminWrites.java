package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Supabase {@code POST/PUT/DELETE /admin/users} (src/main/docs/guide/gotrue-compatibility.md sections 2.10 and 2.12).
 * */
final class SupabaseAdminWrites implements AdminWrites {

    private final EmulatorContext context;
    private final SupabaseDeletion deletion;

    SupabaseAdminWrites(EmulatorContext context) {
        this.context = context;
        this.deletion = new SupabaseDeletion(context);
    }

    @Override
    public Reply create(Call call, String requestAud) {
        ObjectNode params = SupabaseRequests.body(call);
        String email = Json.text(params, "email");
        if (email.isEmpty()) {
            throw validation("Cannot create a user without either an email or phone");
        }
        email = SupabasePasswords.validEmail(email);
        String bodyAud = Json.text(params, "aud");
        String aud = bodyAud.isEmpty() ? requestAud : bodyAud;
        if (context.users().byEmail(aud, email).isPresent()) {
            throw emailExists();
        }
        StoredUser user = newUser(params, email, aud);
        switch (context.users().tryInsert(user)) {
            case EMAIL_TAKEN -> throw emailExists();
            case ID_TAKEN -> throw idExists();
            case INSERTED -> { }
        }
        return Reply.ok(context.userJson().render(user));
    }

    private StoredUser newUser(ObjectNode params, String email, String aud) {
        String hash = passwordHash(params);
        String id = Json.text(params, "id");
        StoredUser base = SupabaseUsers.newEmailUser(context, email, aud, params.get("user_metadata"));
        StoredUser user = id.isEmpty() ? base : withId(base, id);
        user.aud = aud;
        user.email = email;
        user.role = base.role;
        user.appMetadata = Json.merge(base.appMetadata, params.path("app_metadata").isObject()
                ? params.get("app_metadata") : Json.object());
        user.userMetadata = base.userMetadata;
        user.passwordHash = hash;
        applyCommon(user, params);
        return user;
    }

    private String passwordHash(ObjectNode params) {
        String password = Json.text(params, "password");
        String given = Json.text(params, "password_hash");
        if (!password.isEmpty() && !given.isEmpty()) {
            throw validation("Only a password or a password hash should be provided");
        }
        if (!given.isEmpty()) {
            return given;
        }
        if (PasswordHasher.tooLong(password)) {
            throw validation("Password cannot be longer than 72 characters");
        }
        return context.passwords().hash(password.isEmpty() ? Ids.base32Token(64) : password);
    }

    private StoredUser withId(StoredUser base, String id) {
        if (!Ids.isUuid(id)) {
            throw validation("ID must conform to the uuid v4 format");
        }
        if (Ids.NIL_UUID.equals(Ids.canonical(id))) {
            throw validation("ID cannot be a nil uuid");
        }
        if (context.users().byId(Ids.canonical(id)).isPresent()) {
            throw idExists();
        }
        return new StoredUser(Ids.canonical(id), base.sequence, base.createdAt, false);
    }

    /** Fields create and update share: role, confirmation, ban. */
    private void applyCommon(StoredUser user, ObjectNode params) {
        Instant now = context.now();
        String role = Json.text(params, "role");
        synchronized (user) {
            if (!role.isEmpty()) {
                user.role = role;
            }
            if (params.has("ban_duration")) {
                user.bannedUntil = banUntil(Json.text(params, "ban_duration"), now);
            }
            user.updatedAt = now;
        }
        if (params.path("email_confirm").asBoolean(false)) {
            SupabaseUsers.confirm(user, now);
        }
    }

    private static Instant banUntil(String duration, Instant now) {
        if ("none".equals(duration)) {
            return null;
        }
        try {
            return now.plus(Times.parseGoDuration(duration));
        } catch (IllegalArgumentException e) {
            throw validation("invalid format for ban duration: " + e.getMessage());
        }
    }

    @Override
    public Reply update(Call call, StoredUser user) {
        ObjectNode params = SupabaseRequests.body(call);
        String password = Json.text(params, "password");
        if (params.has("password")) {
            SupabasePasswords.checkStrength(password);
        }
        String email = Json.text(params, "email");
        if (!email.isEmpty() && !context.users().rekey(user, user.aud(), SupabasePasswords.validEmail(email))) {
            throw emailExists();
        }
        String hash = params.has("password") ? context.passwords().hash(password) : null;
        synchronized (user) {
            if (hash != null) {
                user.passwordHash = hash;
            }
            AdminWrites.mergeMetadata(user, params);
        }
        applyCommon(user, params);
        return Reply.ok(context.userJson().render(user));
    }

    @Override
    public Reply delete(Call call, StoredUser user) {
        return deletion.delete(call, user);
    }

    private static ApiError validation(String message) {
        return ApiError.of(400, "validation_failed", message);
    }

    /** A taken custom {@code id}: the same 422 whether the early check or the insert itself notices it. */
    private static ApiError idExists() {
        return ApiError.of(422, "user_already_exists", "User already registered");
    }

    private static ApiError emailExists() {
        return ApiError.of(422, "email_exists", "A user with this email address has already been registered");
    }
}
