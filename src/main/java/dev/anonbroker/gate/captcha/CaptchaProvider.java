package dev.anonbroker.gate.captcha;

/** The captcha services whose siteverify API the broker speaks ({@code broker.captcha.provider}). */
public enum CaptchaProvider {
    TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
    HCAPTCHA("https://api.hcaptcha.com/siteverify");

    private final String siteverifyUrl;

    CaptchaProvider(String siteverifyUrl) {
        this.siteverifyUrl = siteverifyUrl;
    }

    public String siteverifyUrl() {
        return siteverifyUrl;
    }
}
