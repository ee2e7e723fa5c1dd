package dev.anonbroker.gate.captcha;

import java.time.Duration;

/**
 * The captcha services whose siteverify API the broker speaks ({@code broker.captcha.provider}), with what each
 * documents about its tokens.
 */
public enum CaptchaProvider {
    /**
     * Cloudflare Turnstile: tokens are valid 300 s and at most 2048 characters long; siteverify takes an
     * {@code idempotency_key}, so a failed call can be retried without spending the token twice, and reports the
     * widget's {@code action}.
     */
    TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify", Duration.ofSeconds(300), 2048, true),
    /**
     * hCaptcha: tokens are valid about 120 s; its siteverify has no idempotency key (a retry could find the token
     * already spent, so the broker does not retry) and reports no action. It documents no token length limit.
     */
    HCAPTCHA("https://api.hcaptcha.com/siteverify", Duration.ofSeconds(120), Integer.MAX_VALUE, false);

    private final String siteverifyUrl;
    private final Duration tokenValidity;
    private final int maxTokenLength;
    private final boolean idempotent;

    CaptchaProvider(String siteverifyUrl, Duration tokenValidity, int maxTokenLength, boolean idempotent) {
        this.siteverifyUrl = siteverifyUrl;
        this.tokenValidity = tokenValidity;
        this.maxTokenLength = maxTokenLength;
        this.idempotent = idempotent;
    }

    public String siteverifyUrl() {
        return siteverifyUrl;
    }

    /** How long a token stays acceptable after the widget produced it: how long the broker remembers it. */
    Duration tokenValidity() {
        return tokenValidity;
    }

    /** Longer tokens are refused without asking the provider. */
    int maxTokenLength() {
        return maxTokenLength;
    }

    /** Whether siteverify takes an {@code idempotency_key}, and with it a safe retry. */
    boolean idempotent() {
        return idempotent;
    }

    /** Whether siteverify reports the {@code action} the widget was rendered with. */
    boolean reportsAction() {
        return this == TURNSTILE;
    }
}
