package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Netlify {@code POST/PUT/DELETE /admin/users} (src/main/docs/guide/gotrue-compatibility.md sections 2.10 and 2.12).
 * */
final class NetlifyAdminWrites implements AdminWrites {

    private final EmulatorContext context;

    NetlifyAdminWrites(EmulatorContext context) {
        this.context = context;
    }

    @Override
    public Reply create(Call call, String requestAud) {
        ObjectNode params = NetlifyAdminAuth.params(call);
        String aud = NetlifyAdminAuth.targetAudience(params, requestAud);
        String email = Json.text(params, "email");
        if (email.isEmpty()) {
            throw ApiError.netlify(422, "An email address is required");
        }
        if (context.users().byEmail(aud, email).isPresent()) {
            throw duplicate();
        }
        StoredUser user = newUser(params, email, aud);
        if (!context.users().insert(user)) {
            throw duplicate();
        }
        return Reply.ok(context.userJson().render(user));
    }

    private StoredUser newUser(ObjectNode params, String email, String aud) {
        String password = Json.text(params, "password");
        if (PasswordHasher.tooLong(password)) {
            throw ApiError.netlify(500, "Error creating user");
        }
        Instant now = context.now();
        StoredUser user = new StoredUser(Ids.newUuid(), context.users().nextSequence(), now, false);
        user.aud = aud;
        user.email = email;
        String role = Json.text(params, "role");
        user.role = role.isEmpty() ? context.defaultRole() : role;
        user.passwordHash = context.passwords().hash(password);
        user.appMetadata = Json.object().put("provider", "email");
        JsonNode metadata = params.get("user_metadata");
        user.userMetadata = Json.objectCopy(metadata, null);
        if (params.path("confirm").asBoolean(false)) {
            user.confirmedAt = now;
        }
        return user;
    }

    @Override
    public Reply update(Call call, StoredUser user) {
        ObjectNode params = NetlifyAdminAuth.params(call);
        String password = Json.text(params, "password");
        String hash = password.isEmpty() || PasswordHasher.tooLong(password) ? null : context.passwords().hash(password);
        if (!password.isEmpty() && hash == null) {
            throw ApiError.netlify(500, "Error updating user");
        }
        String email = Json.text(params, "email");
        if (!email.isEmpty() && !context.users().rekey(user, user.aud(), email)) {
            throw ApiError.netlify(500, "Error updating user");
        }
        apply(user, params, hash);
        return Reply.ok(context.userJson().render(user));
    }

    private void apply(StoredUser user, ObjectNode params, String hash) {
        Instant now = context.now();
        synchronized (user) {
            String role = Json.text(params, "role");
            if (!role.isEmpty()) {
                user.role = role;
            }
            if (params.path("confirm").asBoolean(false)) {
                user.confirm(now);
            }
            if (hash != null) {
                user.passwordHash = hash;
            }
            AdminWrites.mergeMetadata(user, params);
            user.updatedAt = now;
        }
    }

    @Override
    public Reply delete(Call call, StoredUser user) {
        return AdminWrites.hardDelete(context, user);
    }

    private static ApiError duplicate() {
        return ApiError.netlify(422, "Email address already registered by another user");
    }
}
