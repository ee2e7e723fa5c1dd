package dev.anonbroker.gate.pow;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the widget's base64 payload decodes to: the challenge it solved and the number it found. Any field may be
 * missing or forged; {@link SolutionVerifier} trusts none of them. Other fields (the widget's {@code took}) are
 * ignored.
 */
@Serdeable
record AltchaSolution(@Nullable String algorithm, @Nullable String challenge, @Nullable Long number,
                      @Nullable String salt, @Nullable String signature) {
}
