/**
 * GoTrue, as the broker sees it: the {@link dev.anonbroker.gotrue.GoTrueClient} port, its records, and the one
 * adapter {@link dev.anonbroker.gotrue.HttpGoTrueClient} that speaks netlify/gotrue and supabase/auth over HTTP
 * ({@code broker.gotrue.*}, see gotrue-contract.md).
 *
 * <p>Owns: the base URL (keeping any path prefix), the single Micronaut HTTP client with its timeouts and bounded
 * pool ({@code GoTrueHttpClientFactory}), admin credentials (configured bearer, or HS256 admin JWTs signed here),
 * the flavors' request shapes and field names, and the mapping of HTTP failures to
 * {@link dev.anonbroker.gotrue.GoTrueException}.
 *
 * <p>Must not: let HTTP types ({@code io.micronaut.http.client}) leave this package; log passwords, tokens,
 * secrets or {@code Authorization} headers; put GoTrue's raw response bodies into exception messages; import the
 * emulator (it is reached over HTTP only).
 */
package dev.anonbroker.gotrue;
