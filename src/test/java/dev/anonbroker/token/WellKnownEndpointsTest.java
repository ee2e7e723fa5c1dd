package dev.anonbroker.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.anonbroker.token.support.TestKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend's view, over real HTTP: discovery, then the JWKS it names, then a freshly minted token verified with Nimbus
 * alone (and Tink for EdDSA), independently of the broker's own verifier. One broker per key type; the issuer is left
 * unset, so it is the server's own URL.
 */
class WellKnownEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Stream<Arguments> keyTypes() {
        return Stream.of(
                Arguments.of("ES256: EC P-256 key", TestKeys.ec("es-1"), JWSAlgorithm.ES256),
                Arguments.of("RS256: 2048-bit RSA key", TestKeys.rsa("rs-1", 2048), JWSAlgorithm.RS256),
                Arguments.of("EdDSA: Ed25519 key", TestKeys.ed25519("ed-1"), JWSAlgorithm.EdDSA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyTypes")
    void backendVerifiesAMintedTokenFromDiscoveryAndJwks(String description, JWK key, JWSAlgorithm alg)
            throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("broker.signing.jwks", TestKeys.jwks(key), "micronaut.server.port", -1,
                        "broker.emulator.enabled", true))) {
            Map<String, Object> discovery = discovery(server);
            String issuer = server.getURL().toString();
            assertEquals(issuer, discovery.get("issuer"));
            assertEquals(issuer + "/.well-known/jwks.json", discovery.get("jwks_uri"));
            assertEquals(List.of(alg.getName()), discovery.get("id_token_signing_alg_values_supported"));

            JWKSource<SecurityContext> jwks = JWKSourceBuilder
                    .create(URI.create((String) discovery.get("jwks_uri")).toURL()).retrying(false).build();
            String token = server.getApplicationContext().getBean(BrokerTokenMinter.class).mint(request()).token();

            JWTClaimsSet claims = JWSAlgorithm.EdDSA.equals(alg)
                    ? verifyEdDsa(token, jwks, issuer) : verifyWithProcessor(token, jwks, alg, issuer);
            assertEquals("user-1", claims.getSubject());
            assertEquals("sid-1", claims.getStringClaim("sid"));
        }
    }

    @Test
    void hs256OnlyBrokerPublishesAnEmptyKeySet() throws Exception {
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class,
                Map.of("broker.signing.jwks", TestKeys.jwks(TestKeys.hmac("hs-1", 256)), "micronaut.server.port", -1,
                        "broker.emulator.enabled", true))) {
            Map<String, Object> discovery = discovery(server);
            HttpResponse<String> jwks = get(URI.create((String) discovery.get("jwks_uri")));

            assertEquals(Map.of("keys", List.of()), JSONObjectUtils.parse(jwks.body()));
            assertEquals(List.of("HS256"), discovery.get("id_token_signing_alg_values_supported"));
        }
    }

    private static MintRequest request() {
        return new MintRequest("user-1", "sid-1", Instant.now(), null, "web", null);
    }

    private static Map<String, Object> discovery(EmbeddedServer server) throws Exception {
        HttpResponse<String> response = get(server.getURI().resolve("/.well-known/openid-configuration"));
        assertEquals(200, response.statusCode());
        return JSONObjectUtils.parse(response.body());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return response;
    }

    private static JWTClaimsSet verifyWithProcessor(String token, JWKSource<SecurityContext> jwks, JWSAlgorithm alg,
                                                    String issuer) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, jwks));
        processor.setJWTClaimsSetVerifier(claimsVerifier(issuer));
        return processor.process(token, null);
    }

    /** Nimbus' processor cannot select OKP keys, so a backend picks the key by kid and verifies with Tink. */
    private static JWTClaimsSet verifyEdDsa(String token, JWKSource<SecurityContext> jwks, String issuer)
            throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(new JOSEObjectType("at+jwt"), jwt.getHeader().getType());
        List<JWK> keys = jwks.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null);
        assertEquals(1, keys.size());
        assertTrue(jwt.verify(new Ed25519Verifier((OctetKeyPair) keys.get(0))));
        claimsVerifier(issuer).verify(jwt.getJWTClaimsSet(), null);
        return jwt.getJWTClaimsSet();
    }

    private static DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier(String issuer) {
        return new DefaultJWTClaimsVerifier<>("backend", new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "sid", "jti", "iat", "nbf", "exp", "auth_time", "client_id"));
    }
}
