package dev.anonbroker.session;

import io.micronaut.core.annotation.Nullable;

/**
 * What the controller learned about the caller: the visitor's IP (forwarded to GoTrue), the origin the gate
 * verified, and the audience asked for.
 */
record SessionRequest(@Nullable String clientIp, @Nullable String verifiedOrigin, @Nullable String audience) {
}
