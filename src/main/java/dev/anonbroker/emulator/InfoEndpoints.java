package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code GET /health} and {@code GET /settings} (src/main/docs/guide/gotrue-compatibility.md sections 2.2 and 2.3). */
final class InfoEndpoints {

    static final String VERSION = "v0.0.0-anon-broker-emulator";
    private static final String[] SUPABASE_PROVIDERS = {"apple", "azure", "bitbucket", "discord", "facebook", "figma",
        "fly", "github", "gitlab", "google", "keycloak", "kakao", "linkedin", "linkedin_oidc", "notion", "spotify",
        "slack", "slack_oidc", "workos", "twitch", "twitter", "x", "email", "phone", "zoom"};

    private final EmulatorOptions options;

    InfoEndpoints(EmulatorOptions options) {
        this.options = options;
    }

    Reply health() {
        return Reply.ok(Json.object().put("version", VERSION).put("name", "GoTrue")
                .put("description", "GoTrue is a user registration and authentication API"));
    }

    Reply settings() {
        return Reply.ok(options.flavor() == EmulatorFlavor.NETLIFY ? netlify() : supabase());
    }

    private ObjectNode netlify() {
        ObjectNode body = Json.object();
        body.putObject("external").put("bitbucket", false).put("github", false).put("gitlab", false)
                .put("google", false).put("facebook", false).put("email", true).put("saml", false);
        body.putObject("external_labels");
        return body.put("disable_signup", options.disableSignup()).put("autoconfirm", options.autoconfirm());
    }

    private ObjectNode supabase() {
        ObjectNode body = Json.object();
        ObjectNode external = body.putObject("external").put("anonymous_users", options.anonymousUsers());
        for (String provider : SUPABASE_PROVIDERS) {
            external.put(provider, "email".equals(provider));
        }
        return body.put("disable_signup", options.disableSignup()).put("mailer_autoconfirm", options.autoconfirm())
                .put("phone_autoconfirm", false).put("sms_provider", "").put("saml_enabled", false)
                .put("saml_private_key_next_configured", false).put("passkeys_enabled", false);
    }
}
