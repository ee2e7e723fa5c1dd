/**
 * The captcha gate ({@code broker.captcha.*}): checks the Cloudflare Turnstile or hCaptcha token of a mint request
 * with the provider's siteverify API, remembers accepted tokens so each is used once, and maps the provider's answer to
 * 403 {@code captcha-required}, {@code captcha-invalid}, {@code captcha-replayed} or 503 {@code captcha-unavailable}.
 *
 * <p>It owns the second HTTP client of the broker, beside {@code gotrue/}'s: siteverify is a third-party API with its
 * own URL, secret, timeout and retry rule, so it gets its own client from one factory here rather than a path through
 * the GoTrue adapter. Nothing else in this package, and nothing outside it, uses that client.
 *
 * <p>It must not call GoTrue, mint tokens, log or echo the secret, a token or a provider body, follow a redirect,
 * or admit a request it could not check (it fails closed).
 */
package dev.anonbroker.gate.captcha;
