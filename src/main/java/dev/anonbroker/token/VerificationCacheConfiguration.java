package dev.anonbroker.token;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * {@code broker.verification-cache.*}: the bound of {@link VerifiedTokenCache}.
 *
 * @param maxTokens broker tokens whose verification is remembered at once, each until its {@code exp}; 0 turns the
 *                  cache off, so that every verification checks the signature
 */
@ConfigurationProperties(VerificationCacheConfiguration.PREFIX)
record VerificationCacheConfiguration(@Bindable(defaultValue = "10000") @Min(0) int maxTokens) {

    static final String PREFIX = "broker.verification-cache";
}
