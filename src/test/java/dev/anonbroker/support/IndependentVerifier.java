package dev.anonbroker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Verifies a broker token the way a backend that knows only the issuer URL would: discovery, then the JWKS it
 * names, then Nimbus directly, with an explicit algorithm allow-list, {@code typ: at+jwt}, issuer, audience and
 * expiry. Shares no code with the broker's own verifier.
 */
public final class IndependentVerifier {

    private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "client_id");

    private IndependentVerifier() {
    }

    /** Reads {@code <issuer>/.well-known/openid-configuration}. */
    public static JsonNode discovery(String issuer) {
        HttpResponse<String> response = BrokerHarness.send(HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("discovery answered " + response.statusCode());
        }
        return BrokerHarness.json(response);
    }

    public static JWTClaimsSet verify(String issuer, String audience, String token) throws Exception {
        JsonNode discovery = discovery(issuer);
        if (!issuer.equals(discovery.get("issuer").asText())) {
            throw new AssertionError("discovery names issuer " + discovery.get("issuer") + ", expected " + issuer);
        }
        JWKSource<SecurityContext> keys = JWKSourceBuilder
                .create(URI.create(discovery.get("jwks_uri").asText()).toURL()).retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
                Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), REQUIRED_CLAIMS));
        return processor.process(token, null);
    }
}
