/**
 * The backends' side: {@code POST /introspect} (RFC 7662), {@code POST /revoke} (RFC 7009), discovery, and the
 * revocation list. Backend clients ({@code broker.backend-clients}) authenticate by HTTP Basic through
 * micronaut-security: {@link dev.anonbroker.backend.BackendClientFetcher} reads the header, the framework's
 * {@code Authenticator} asks {@link dev.anonbroker.backend.BackendClients}, an {@code HttpRequestAuthenticationProvider}
 * with the constant-time check, and the routes' {@code @Secured} roles decide the rest.
 *
 * <p>The fetcher is hand-written because the framework's {@code BasicAuthAuthenticationFetcher} matches the scheme
 * name case-sensitively (the broker always accepted {@code basic}, as RFC 9110 allows) and logs credentials it cannot
 * Base64-decode at DEBUG. This package must never tell an unknown client from a wrong secret, never log a secret, and
 * answer every token that is not active for the calling client with the same {@code {"active": false}}.
 */
package dev.anonbroker.backend;
