package dev.anonbroker.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.anonbroker.token.VerifiedBrokerToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The introspection response of RFC 7662 section 2.2. An inactive token is {@code {"active": false}} and nothing
 * else, whatever the reason, so callers learn nothing about tokens they may not see.
 *
 * @param active    whether the token is valid right now, for this client
 * @param issuer    {@code iss}
 * @param subject   {@code sub}: the throwaway user's id
 * @param sessionId {@code sid}
 * @param audience  {@code aud}
 * @param expiresAt {@code exp}, seconds since the epoch
 * @param issuedAt  {@code iat}, seconds since the epoch
 * @param jti       {@code jti}
 * @param clientId  {@code client_id} of the token (the frontend), not of the caller
 * @param tokenType {@code Bearer} (RFC 6749 section 7.1), or {@code DPoP} for a bound token (RFC 9449 section 6.2)
 * @param confirmation {@code cnf} of a bound token: {@code {"jkt": <the DPoP key's thumbprint>}}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "RFC 7662 introspection response")
record IntrospectionResponse(
        @JsonProperty("active") boolean active,
        @JsonProperty("iss") @Nullable String issuer,
        @JsonProperty("sub") @Nullable String subject,
        @JsonProperty("sid") @Nullable String sessionId,
        @JsonProperty("aud") @Nullable String audience,
        @JsonProperty("exp") @Nullable Long expiresAt,
        @JsonProperty("iat") @Nullable Long issuedAt,
        @JsonProperty("jti") @Nullable String jti,
        @JsonProperty("client_id") @Nullable String clientId,
        @JsonProperty("token_type") @Nullable String tokenType,
        @JsonProperty("cnf") @Nullable @Schema(description = "Only for a DPoP-bound token: the backend must check that "
                + "the request's DPoP proof is signed by the key with this RFC 7638 thumbprint") Map<String, String> confirmation) {

    static final IntrospectionResponse INACTIVE = new IntrospectionResponse(false, null, null, null, null, null, null,
            null, null, null, null);

    static IntrospectionResponse active(String issuer, VerifiedBrokerToken token) {
        boolean bound = token.keyThumbprint() != null;
        return new IntrospectionResponse(true, issuer, token.subject(), token.sessionId(), token.audience(),
                token.expiresAt().getEpochSecond(), token.issuedAt().getEpochSecond(), token.jti(), token.clientId(),
                bound ? "DPoP" : "Bearer", bound ? Map.of("jkt", token.keyThumbprint()) : null);
    }
}
