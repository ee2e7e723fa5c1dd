/**
 * DPoP (RFC 9449) for the session endpoints: {@link dev.anonbroker.dpop.DpopProofVerifier} checks the {@code DPoP}
 * proof of a mint or refresh and names its key by RFC 7638 thumbprint; {@link dev.anonbroker.dpop.DpopBinding}
 * decides which key, if any, a session is bound to. The rest of the broker only passes the thumbprint through
 * ({@code cnf.jkt} in the token, the session's remembered key).
 */
package dev.anonbroker.dpop;
