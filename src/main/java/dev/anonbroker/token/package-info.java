/**
 * Broker tokens: the signing keys ({@code broker.signing.*}), minting ({@link dev.anonbroker.token.BrokerTokenMinter}),
 * verifying ({@link dev.anonbroker.token.BrokerTokenVerifier}), local verification of GoTrue access tokens
 * ({@link dev.anonbroker.token.GoTrueTokenVerifier}), and the JWKS and discovery endpoints.
 *
 * <p>The only package that imports JOSE (Nimbus) types; other packages use its records and typed exceptions. It never
 * logs or returns key material or tokens, and it does not decide who may get a token (that is {@code gate/}) or talk
 * to GoTrue (that is {@code gotrue/}).
 */
package dev.anonbroker.token;
