/**
 * Who may call the broker: the callers' {@link dev.anonbroker.credential.Roles} (backend client, session holder,
 * operator), reading credentials from {@code Authorization}, and how a refusal reads. micronaut-security
 * authenticates each request and enforces each route's {@code @Secured} roles; this package gives it the bearer
 * reader and renders its refusals as the contract's problems, with the challenge of the credential the endpoint takes.
 *
 * <p>Two pieces stay hand-written because the framework's cannot meet the contract. The bearer reader: micronaut's
 * {@code BearerTokenReader} logs any non-bearer {@code Authorization} header (a backend client's Basic credentials)
 * at DEBUG. The refusal rendering: {@code DefaultAuthorizationExceptionHandler} answers 403 to a caller authenticated
 * as the wrong kind (a backend client at refresh, a session at {@code /introspect}) where the contract says 401, joins
 * every scheme's challenge whatever the endpoint takes, and cannot know why a token was refused; the broker token's
 * validator records the reason on the request for it.
 *
 * <p>It must never log or echo a credential, and compares secrets only through
 * {@link dev.anonbroker.credential.SecretDigest}.
 */
package dev.anonbroker.credential;
