package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Netlify {@code POST /signup} (src/main/docs/guide/gotrue-compatibility.md section 2.4): answers the user object,
 * never tokens. A confirmed duplicate is 400; an unconfirmed one is returned with {@code data} merged in and its
 * password unchanged.
 */
final class NetlifySignup {

    private static final Duration MAIL_MIN_GAP = Duration.ofMinutes(15);

    private final EmulatorContext context;

    NetlifySignup(EmulatorContext context) {
        this.context = context;
    }

    Reply handle(Call call) {
        if (context.options().disableSignup()) {
            throw ApiError.netlify(403, "Signups not allowed for this instance");
        }
        ObjectNode params = parse(call);
        String email = Json.text(params, "email");
        String password = Json.text(params, "password");
        if (password.isEmpty()) {
            throw ApiError.netlify(422, "Signup requires a valid password");
        }
        if (email.isEmpty()) {
            throw ApiError.netlify(422, "An email address is required");
        }
        String aud = context.requestAudience(call);
        JsonNode data = params.get("data");
        while (true) {
            Optional<StoredUser> existing = context.users().byEmail(aud, email);
            if (existing.isPresent()) {
                return Reply.ok(context.userJson().render(signUpAgain(existing.get(), data)));
            }
            StoredUser created = newUser(email, password, aud, data);
            if (context.users().insert(created)) {
                return Reply.ok(context.userJson().render(created));
            }
        }
    }

    private static ObjectNode parse(Call call) {
        try {
            return Json.parseObject(call.body, true);
        } catch (Json.BadJson e) {
            throw ApiError.netlify(400, "Could not read Signup params: " + e.getMessage());
        }
    }

    private StoredUser signUpAgain(StoredUser user, JsonNode data) {
        if (user.confirmed()) {
            throw ApiError.netlify(400, "A user with this email address has already been registered");
        }
        Instant now = context.now();
        synchronized (user) {
            if (data != null && data.isObject()) {
                user.userMetadata = Json.merge(user.userMetadata, data);
            }
            if (context.options().autoconfirm()) {
                user.confirmedAt = now;
            } else if (user.confirmationSentAt == null || user.confirmationSentAt.plus(MAIL_MIN_GAP).isBefore(now)) {
                user.confirmationSentAt = now;
            }
            user.updatedAt = now;
        }
        return user;
    }

    private StoredUser newUser(String email, String password, String aud, JsonNode data) {
        if (PasswordHasher.tooLong(password)) {
            throw ApiError.netlify(500, "Database error creating user");
        }
        Instant now = context.now();
        StoredUser user = new StoredUser(Ids.newUuid(), context.users().nextSequence(), now, false);
        user.aud = aud;
        user.email = email;
        user.role = context.defaultRole();
        user.passwordHash = context.passwords().hash(password);
        user.appMetadata = Json.object().put("provider", "email");
        user.userMetadata = Json.objectCopy(data, null);
        if (context.options().autoconfirm()) {
            user.confirmedAt = now;
        } else {
            user.confirmationSentAt = now;
        }
        return user;
    }
}
