package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Supabase {@code POST /signup} with an email (src/main/docs/guide/gotrue-compatibility.md section 2.4), or anonymous
 * when neither email nor phone is given (section 2.5, {@link SupabaseAnonymousSignup}). With autoconfirm it answers a
 * token response.
 */
final class SupabaseSignup {

    private static final Duration MAIL_MIN_GAP = Duration.ofMinutes(1);

    private final EmulatorContext context;
    private final AccessTokens tokens;
    private final SupabaseAnonymousSignup anonymous;

    SupabaseSignup(EmulatorContext context, AccessTokens tokens) {
        this.context = context;
        this.tokens = tokens;
        this.anonymous = new SupabaseAnonymousSignup(context, tokens);
    }

    Reply handle(Call call) {
        ObjectNode params = SupabaseRequests.body(call);
        String email = Json.text(params, "email");
        String phone = Json.text(params, "phone");
        if (email.isEmpty() && phone.isEmpty()) {
            return anonymous.handle(call, params);
        }
        checkAllowed(call, Json.text(params, "password"));
        if (!email.isEmpty() && !phone.isEmpty()) {
            throw ApiError.of(400, "validation_failed",
                    "Only an email address or phone number should be provided on signup.");
        }
        if (email.isEmpty()) {
            throw ApiError.of(400, "phone_provider_disabled", "Phone signups are disabled");
        }
        return signUp(SupabasePasswords.validEmail(email), Json.text(params, "password"),
                context.requestAudience(call), params.get("data"));
    }

    private void checkAllowed(Call call, String password) {
        if (!context.limits().allowSupabase(call, context.limits().signups)) {
            throw context.errors().rateLimited();
        }
        if (context.options().disableSignup()) {
            throw ApiError.of(422, "signup_disabled", "Signups not allowed for this instance");
        }
        if (password.isEmpty()) {
            throw ApiError.of(400, "validation_failed", "Signup requires a valid password");
        }
        SupabasePasswords.checkStrength(password);
    }

    private Reply signUp(String email, String password, String aud, JsonNode data) {
        while (true) {
            Optional<StoredUser> existing = context.users().byEmail(aud, email);
            if (existing.isPresent()) {
                return signUpAgain(existing.get(), aud, data);
            }
            StoredUser created = SupabaseUsers.newEmailUser(context, email, aud, data);
            created.passwordHash = context.passwords().hash(password);
            if (!context.options().autoconfirm()) {
                created.confirmationSentAt = created.createdAt;
            }
            if (context.users().insert(created)) {
                return answer(created);
            }
        }
    }

    private Reply signUpAgain(StoredUser user, String aud, JsonNode data) {
        boolean autoconfirm = context.options().autoconfirm();
        if (user.confirmed() && autoconfirm) {
            throw ApiError.of(422, "user_already_exists", "User already registered");
        }
        if (user.confirmed()) {
            return Reply.ok(SupabaseUsers.fakeUser(context, user.email(), aud, data));
        }
        if (!autoconfirm) {
            resendConfirmation(user);
        }
        return answer(user);
    }

    private void resendConfirmation(StoredUser user) {
        Instant now = context.now();
        synchronized (user) {
            Instant sent = user.confirmationSentAt;
            if (sent != null && sent.plus(MAIL_MIN_GAP).isAfter(now)) {
                long left = Duration.between(now, sent.plus(MAIL_MIN_GAP)).toSeconds();
                throw ApiError.of(429, "over_email_send_rate_limit",
                        "For security purposes, you can only request this after " + left + " seconds.");
            }
            user.confirmationSentAt = now;
        }
    }

    /** Autoconfirm: confirm now and log in; otherwise the (unconfirmed) user object. */
    private Reply answer(StoredUser user) {
        if (!context.options().autoconfirm()) {
            return Reply.ok(context.userJson().render(user));
        }
        SupabaseUsers.confirm(user, context.now());
        SupabaseUsers.signedIn(user, context.now());
        return tokens.supabaseLogin(user, "password");
    }
}
