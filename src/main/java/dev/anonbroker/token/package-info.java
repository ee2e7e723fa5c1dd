/**
 * Broker tokens: the signing keys ({@code broker.signing.*}), minting ({@link dev.anonbroker.token.BrokerTokenMinter}),
 * verifying ({@link dev.anonbroker.token.BrokerTokenVerifier}), local verification of GoTrue access tokens
 * ({@link dev.anonbroker.token.GoTrueTokenVerifier}), the JWKS and discovery endpoints, and the online checks for
 * backends: {@code POST /introspect} (RFC 7662) and {@code POST /revoke} (RFC 7009), with the backend clients
 * ({@code broker.backend-clients.*}) and the {@link dev.anonbroker.token.RevocationList} port (kept in
 * {@code cleanup/}, which owns Caffeine).
 *
 * <p>The only package that imports JOSE (Nimbus) types; other packages use its records and typed exceptions. It never
 * logs or returns key material or tokens, and it does not decide who may get a token (that is {@code gate/}) or talk
 * to GoTrue (that is {@code gotrue/}).
 */
package dev.anonbroker.token;
