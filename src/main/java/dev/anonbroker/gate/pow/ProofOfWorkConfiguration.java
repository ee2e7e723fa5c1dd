package dev.anonbroker.gate.pow;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * {@code broker.pow.*}: ALTCHA proof of work in front of minting.
 *
 * @param enabled       on switch; needs {@code hmac-key}
 * @param hmacKey       key of the challenges' HMAC-SHA256 signatures
 * @param maxNumber     difficulty: the largest secret number a challenge may hide
 * @param challengeTtl  how long a challenge may be solved and presented
 * @param maxRemembered accepted payloads remembered at once; when full, new ones are refused
 */
@ConfigurationProperties(ProofOfWorkConfiguration.PREFIX)
public record ProofOfWorkConfiguration(@Bindable(defaultValue = "false") boolean enabled,
                                       @Nullable String hmacKey,
                                       @Bindable(defaultValue = "100000") @Min(1) long maxNumber,
                                       @Bindable(defaultValue = "5m") Duration challengeTtl,
                                       @Bindable(defaultValue = "200000") @Min(1) long maxRemembered) {

    public static final String PREFIX = "broker.pow";
}
