package dev.anonbroker.gate.pow;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An ALTCHA v1 challenge, the answer of {@code GET /anon-session/challenge}, in the shape the stock widget
 * ({@code altcha} 3.x on npm) recognises as v1 by its {@code challenge} field. The components are named as on the
 * wire, {@code maxnumber} included.
 *
 * @param algorithm always SHA-256
 * @param challenge hex(SHA-256(salt + number)) of the secret number
 * @param maxnumber the largest number the challenge may hide
 * @param salt      24 hex digits, then ?expires= with the expiry in Unix seconds, then a closing ampersand
 * @param signature hex(HMAC-SHA256(hmac-key, challenge))
 */
@Serdeable
@Schema(name = "AltchaChallenge", description = "An ALTCHA v1 proof-of-work challenge")
record AltchaChallenge(String algorithm, String challenge, long maxnumber, String salt, String signature) {
}
