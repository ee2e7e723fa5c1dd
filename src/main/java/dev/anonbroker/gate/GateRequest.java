package dev.anonbroker.gate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

/**
 * What a caller presents to the gates: the HTTP request (peer address, headers) and the proofs from the body.
 *
 * @param http         the request as received
 * @param endpoint     which gated endpoint it is for
 * @param altcha       the ALTCHA widget's base64 payload (body field {@code altcha}), if any
 * @param captchaToken the captcha widget's token (body field {@code captcha_token}), if any
 */
public record GateRequest(HttpRequest<?> http, GatedEndpoint endpoint, @Nullable String altcha,
                          @Nullable String captchaToken) {
}
