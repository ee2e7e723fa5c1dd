/**
 * The broker's signing keys ({@code broker.signing.*}): where they come from
 * ({@link dev.anonbroker.keys.SigningKeySource}), their validation, and their public half at
 * {@code GET /.well-known/jwks.json} (RFC 7517). It must never publish or log a private key or an HS256 secret.
 *
 * <p>{@link dev.anonbroker.keys.JwksController} stays hand-written instead of micronaut-security-jwt's
 * {@code KeysController} over a {@code JwkProvider} (which was tried): the framework's endpoint sends no
 * {@code Cache-Control} ({@code broker.signing.jwks-cache-max-age}, a filter would have to add it), and the OpenAPI
 * document, generated only from this build's annotations, cannot describe it properly: it needs the
 * micronaut-openapi-annotations dependency and {@code @OpenAPIInclude}, and then describes the response of its
 * {@code Publisher<String>} method as an array of strings, with no summary. The controller is a few lines over the same
 * key source, so the framework would save nothing.
 */
package dev.anonbroker.keys;
