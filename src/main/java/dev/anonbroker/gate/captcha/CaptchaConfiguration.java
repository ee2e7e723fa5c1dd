package dev.anonbroker.gate.captcha;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.List;

/**
 * {@code broker.captcha.*}: a captcha in front of minting.
 *
 * @param provider          {@code turnstile} or {@code hcaptcha}; unset: no captcha
 * @param secret            the provider's secret key
 * @param siteKey           the public site key, published for the browser client
 * @param verifyUrl         the siteverify URL; defaults to the provider's
 * @param expectedHostnames when set, the {@code hostname} the provider reports must be one of these
 * @param expectedAction    when set, the {@code action} the provider reports must equal it
 * @param timeout           how long the provider has to answer; then the request is refused
 * @param maxRemembered     accepted tokens remembered at once; when full, new ones are refused
 */
@ConfigurationProperties(CaptchaConfiguration.PREFIX)
public record CaptchaConfiguration(@Nullable CaptchaProvider provider,
                                   @Nullable String secret,
                                   @Nullable String siteKey,
                                   @Nullable String verifyUrl,
                                   @Nullable List<String> expectedHostnames,
                                   @Nullable String expectedAction,
                                   @Bindable(defaultValue = "5s") Duration timeout,
                                   @Bindable(defaultValue = "200000") @Min(1) long maxRemembered) {

    public static final String PREFIX = "broker.captcha";

    public CaptchaConfiguration {
        expectedHostnames = expectedHostnames == null ? List.of()
                : expectedHostnames.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean enabled() {
        return provider != null;
    }
}
