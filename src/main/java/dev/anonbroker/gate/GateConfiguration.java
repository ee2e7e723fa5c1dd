package dev.anonbroker.gate;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The gate's part of {@code broker.*}.
 *
 * @param allowedOrigins origins allowed to call the session endpoints, also the CORS allow-list; an entry may use
 *                       {@code *} for one run of DNS-label characters, e.g. {@code https://*--mysite.netlify.app}.
 *                       Empty: any origin (development only; a warning is logged at start-up)
 */
@ConfigurationProperties("broker")
public record GateConfiguration(@Nullable List<String> allowedOrigins) {

    public GateConfiguration {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
