package dev.anonbroker.session;

import io.micronaut.core.annotation.Nullable;

/**
 * What the controller learned about the caller: the visitor's IP (forwarded to GoTrue), the origin the gate
 * verified, the audience asked for, and the thumbprint of the DPoP key its proof was signed with, if any.
 */
record SessionRequest(@Nullable String clientIp, @Nullable String verifiedOrigin, @Nullable String audience,
                      @Nullable String dpopKey) {
}
