package dev.anonbroker.gate.pow;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * {@code broker.pow.*}: ALTCHA proof of work in front of minting.
 *
 * @param enabled       on switch; needs {@code hmac-key}
 * @param hmacKey       key of the challenges' HMAC-SHA256 signatures: required when enabled, at least
 *                      {@value #MIN_HMAC_KEY_LENGTH} characters, never logged
 * @param maxNumber     difficulty: the largest secret number a challenge may hide, at most {@value #MAX_MAX_NUMBER}
 * @param challengeTtl  how long a challenge may be solved and presented; positive
 * @param maxRemembered accepted payloads remembered at once; when full, new ones are refused
 */
@ConfigurationProperties(ProofOfWorkConfiguration.PREFIX)
public record ProofOfWorkConfiguration(@Bindable(defaultValue = "false") boolean enabled,
                                       @Nullable String hmacKey,
                                       @Bindable(defaultValue = "100000") @Min(1) long maxNumber,
                                       @Bindable(defaultValue = "5m") Duration challengeTtl,
                                       @Bindable(defaultValue = "200000") @Min(1) long maxRemembered) {

    public static final String PREFIX = "broker.pow";
    static final int MIN_HMAC_KEY_LENGTH = 32;
    /** Far beyond any difficulty a browser can solve; keeps every number exact in JavaScript. */
    static final long MAX_MAX_NUMBER = Integer.MAX_VALUE;

    public ProofOfWorkConfiguration {
        if (enabled && (hmacKey == null || hmacKey.isBlank())) {
            throw new ConfigurationException(PREFIX + ".hmac-key must be set when " + PREFIX + ".enabled is true");
        }
        if (enabled && hmacKey.length() < MIN_HMAC_KEY_LENGTH) {
            throw new ConfigurationException(PREFIX + ".hmac-key must have at least " + MIN_HMAC_KEY_LENGTH
                    + " characters, e.g. from 'openssl rand -hex 32'");
        }
        if (challengeTtl == null || challengeTtl.isNegative() || challengeTtl.toSeconds() < 1) {
            throw new ConfigurationException(PREFIX + ".challenge-ttl must be at least 1s");
        }
        if (maxNumber < 1 || maxNumber > MAX_MAX_NUMBER) {
            throw new ConfigurationException(PREFIX + ".max-number must be between 1 and " + MAX_MAX_NUMBER);
        }
        if (maxRemembered < 1) {
            throw new ConfigurationException(PREFIX + ".max-remembered must be at least 1");
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ProofOfWorkConfiguration[enabled=" + enabled + ", maxNumber=" + maxNumber + ", challengeTtl="
                + challengeTtl + ", maxRemembered=" + maxRemembered + "]";
    }
}
