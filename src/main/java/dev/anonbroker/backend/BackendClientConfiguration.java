package dev.anonbroker.backend;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * {@code broker.backend-clients.<id>.*}: one backend that may call {@code /introspect} and {@code /revoke}, with
 * HTTP Basic user {@code <id>}.
 *
 * @param id        the client id, taken from the property name
 * @param secret    its secret (from configuration or the environment, e.g. {@code BROKER_BACKEND_CLIENTS_REPORTS_SECRET});
 *                  no default, at least {@value #MIN_SECRET_LENGTH} characters, never logged
 * @param audiences the {@code aud} values whose tokens this client may see as active and revoke; empty: all of
 *                  {@code broker.audiences}
 */
@EachProperty(BackendClientConfiguration.PREFIX)
public record BackendClientConfiguration(@Parameter String id, @Nullable String secret,
                                         @Nullable List<String> audiences) {

    public static final String PREFIX = "broker.backend-clients";
    static final int MIN_SECRET_LENGTH = 16;

    public BackendClientConfiguration {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException(PREFIX + "." + id + ".secret must be set");
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new ConfigurationException(PREFIX + "." + id + ".secret must have at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. from 'openssl rand -hex 32'");
        }
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "BackendClientConfiguration[id=" + id + ", audiences=" + audiences + "]";
    }
}
