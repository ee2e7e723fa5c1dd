/**
 * Cross-cutting beans only: the broker-wide settings ({@code broker.issuer}, {@code broker.audiences}, token lifetimes),
 * the issuer they resolve to, and the one {@link java.time.Clock}.
 *
 * <p>Must not hold capability logic or configuration that belongs to one capability (e.g. {@code broker.gotrue.*} lives
 * in {@code gotrue/}, {@code broker.signing.*} in {@code token/}); must not create HTTP clients.
 */
package dev.anonbroker.config;
