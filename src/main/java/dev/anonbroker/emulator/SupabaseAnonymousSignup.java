package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Supabase anonymous sign-in: {@code POST /signup} without email and phone
 * (src/main/docs/guide/gotrue-compatibility.md section 2.5). */
final class SupabaseAnonymousSignup {

    private final EmulatorContext context;
    private final AccessTokens tokens;

    SupabaseAnonymousSignup(EmulatorContext context, AccessTokens tokens) {
        this.context = context;
        this.tokens = tokens;
    }

    Reply handle(Call call, ObjectNode params) {
        if (!context.options().anonymousUsers()) {
            throw ApiError.of(422, "anonymous_provider_disabled", "Anonymous sign-ins are disabled");
        }
        if (!context.limits().allowSupabase(call, context.limits().anonymous)) {
            throw context.errors().rateLimited();
        }
        if (context.options().disableSignup()) {
            throw ApiError.of(422, "signup_disabled", "Signups not allowed for this instance");
        }
        StoredUser user = newUser(context.requestAudience(call), params.get("data"));
        context.users().insert(user);
        return tokens.supabaseLogin(user, "anonymous");
    }

    private StoredUser newUser(String aud, JsonNode data) {
        Instant now = context.now();
        StoredUser user = new StoredUser(Ids.newUuid(), context.users().nextSequence(), now, true);
        user.aud = aud;
        user.email = "";
        user.role = context.defaultRole();
        user.appMetadata = Json.object();
        user.userMetadata = Json.objectCopy(data, Json.object());
        user.lastSignInAt = now;
        return user;
    }
}
