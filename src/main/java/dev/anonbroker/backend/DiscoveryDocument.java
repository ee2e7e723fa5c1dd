package dev.anonbroker.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The OpenID Provider Metadata document (OpenID Connect Discovery 1.0 section 3; RFC 8414 section 2), restricted to
 * what the broker really has. Endpoints that do not exist are absent (null is not serialised).
 *
 * @param issuer                           equals {@code iss} of every broker token
 * @param jwksUri                          the JWKS endpoint, below the issuer
 * @param introspectionEndpoint            RFC 7662 endpoint, when it exists
 * @param revocationEndpoint               RFC 7009 endpoint, when it exists
 * @param introspectionAuthMethods         how backend clients authenticate at introspection (RFC 8414 section 2)
 * @param revocationAuthMethods            how backend clients authenticate at revocation; the session's holder may
 *                                         also use its bearer token, which has no registered name
 * @param responseTypesSupported           required by discovery clients; the broker hands out access tokens only
 * @param subjectTypesSupported            {@code public}: {@code sub} is the throwaway user's id
 * @param idTokenSigningAlgValuesSupported required by discovery clients; the algorithms of the configured keys
 * @param claimsSupported                  the claims broker tokens carry
 * @param dpopSigningAlgValuesSupported    the DPoP proof algorithms the session endpoints accept (RFC 9449 section 5.1)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record DiscoveryDocument(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("introspection_endpoint") @Nullable String introspectionEndpoint,
        @JsonProperty("revocation_endpoint") @Nullable String revocationEndpoint,
        @JsonProperty("introspection_endpoint_auth_methods_supported") @Nullable List<String> introspectionAuthMethods,
        @JsonProperty("revocation_endpoint_auth_methods_supported") @Nullable List<String> revocationAuthMethods,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
        @JsonProperty("id_token_signing_alg_values_supported") List<String> idTokenSigningAlgValuesSupported,
        @JsonProperty("claims_supported") List<String> claimsSupported,
        @JsonProperty("dpop_signing_alg_values_supported") List<String> dpopSigningAlgValuesSupported) {
}
