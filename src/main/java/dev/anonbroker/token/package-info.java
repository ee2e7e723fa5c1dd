/**
 * Broker tokens (RFC 9068 access tokens): {@link dev.anonbroker.token.BrokerTokenMinter} signs them through
 * micronaut-security-jwt's {@code JwtTokenGenerator}; {@link dev.anonbroker.token.BrokerTokenVerifier} is the one
 * judge of a broker token (algorithm allow-list, {@code typ: at+jwt}, exact {@code iss}, {@code aud}, lifetime); and
 * {@link dev.anonbroker.token.BrokerTokenValidator} makes that verdict micronaut-security's bearer authentication.
 *
 * <p>micronaut-security-jwt's own JWT validator is switched off: it checks neither {@code typ} nor the issuer exactly,
 * so it would be a second, weaker judge. Nothing here may log a token or a key.
 */
package dev.anonbroker.token;
