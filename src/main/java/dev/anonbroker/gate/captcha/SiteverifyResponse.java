package dev.anonbroker.gate.captcha;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a siteverify answer the broker reads; both providers send more ({@code challenge_ts}, {@code cdata},
 * {@code credit}, {@code metadata}), which are ignored.
 *
 * @param success    whether the provider accepted the token
 * @param errorCodes {@code error-codes}: why not (or, rarely, warnings with a success)
 * @param hostname   the site the widget was solved on
 * @param action     the widget's {@code action} (Turnstile only)
 */
record SiteverifyResponse(boolean success, List<String> errorCodes, @Nullable String hostname,
                          @Nullable String action) {

    SiteverifyResponse {
        errorCodes = List.copyOf(errorCodes);
    }

    /**
     * Reads an answer; empty when it is not one: not an object, or {@code success} is not a boolean. Error codes that
     * are not strings are skipped, and a {@code hostname} or {@code action} that is not a string counts as absent.
     */
    static Optional<SiteverifyResponse> from(JsonNode body) {
        if (body == null || !body.isObject() || body.get("success") == null || !body.get("success").isBoolean()) {
            return Optional.empty();
        }
        List<String> codes = new ArrayList<>();
        JsonNode errorCodes = body.get("error-codes");
        if (errorCodes != null && errorCodes.isArray()) {
            errorCodes.values().forEach(code -> {
                if (code.isString()) {
                    codes.add(code.getStringValue());
                }
            });
        }
        return Optional.of(new SiteverifyResponse(body.get("success").getBooleanValue(), codes,
                text(body.get("hostname")), text(body.get("action"))));
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.getStringValue() : null;
    }
}
