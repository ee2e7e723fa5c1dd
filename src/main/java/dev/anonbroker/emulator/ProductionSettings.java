package dev.anonbroker.emulator;

import io.micronaut.core.value.PropertyResolver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The settings that only make sense against a real GoTrue: with any of them present, a blank
 * {@code broker.gotrue.url} is a mistake (a typo in {@code BROKER_GOTRUE_URL}), not a request for the embedded
 * emulator. Named as strings because the emulator imports nothing of the broker.
 */
final class ProductionSettings {

    /** Settings whose non-blank value marks a production configuration. */
    static final List<String> VALUES = List.of(
            "broker.signing.jwks",
            "broker.signing.jwks-file",
            "broker.allowed-origins",
            "broker.gotrue.jwt-secret",
            "broker.gotrue.admin-token",
            "broker.gotrue.api-key",
            "broker.captcha.secret",
            "broker.netlify.signed-proxy-secret",
            "broker.pow.hmac-key",
            "broker.sweep.operator-token");

    /** Prefixes under which any property marks a production configuration. */
    static final List<String> PREFIXES = List.of("broker.backend-clients");

    private ProductionSettings() {
    }

    /** The names of the production settings {@code properties} holds, in a fixed order; never their values. */
    static List<String> present(PropertyResolver properties) {
        List<String> present = new ArrayList<>();
        for (String name : VALUES) {
            if (properties.getProperty(name, Object.class).filter(ProductionSettings::isSet).isPresent()) {
                present.add(name);
            }
        }
        for (String prefix : PREFIXES) {
            if (!properties.getProperties(prefix).isEmpty()) {
                present.add(prefix);
            }
        }
        return present;
    }

    private static boolean isSet(Object value) {
        if (value instanceof CharSequence text) {
            return !text.toString().isBlank();
        }
        if (value instanceof Collection<?> values) {
            return values.stream().anyMatch(ProductionSettings::isSet);
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return value != null;
    }
}
