package dev.anonbroker.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.credential.Roles;
import dev.anonbroker.token.support.ForgedTokens;
import dev.anonbroker.token.support.TestKeys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.jwt.endpoints.KeysController;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The endpoints' HTTP details, with an issuer that has a path, two keys (rotation) and a custom cache age. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WellKnownEndpointsHttpTest implements TestPropertyProvider {

    private static final String ISSUER = "https://broker.example/auth";
    private static final ECKey SIGNING_KEY = TestKeys.ec("new");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Inject
    BrokerTokenMinter minter;

    @Inject
    BrokerTokenVerifier verifier;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "spec.name", "WellKnownEndpointsHttpTest",
                "broker.issuer", ISSUER,
                "broker.signing.jwks", TestKeys.jwks(SIGNING_KEY, TestKeys.rsa("old", 2048),
                        TestKeys.hmac("secret", 256)),
                "broker.signing.jwks-cache-max-age", "2m",
                "broker.emulator.enabled", "true");
    }

    @Test
    void discoveryDerivesUrlsFromAnIssuerWithAPath() {
        HttpResponse<Map> response = client.toBlocking().exchange("/.well-known/openid-configuration", Map.class);

        Map<?, ?> body = response.body();
        assertEquals(ISSUER, body.get("issuer"));
        assertEquals(ISSUER + "/.well-known/jwks.json", body.get("jwks_uri"));
        assertEquals(List.of("ES256", "RS256", "HS256"), body.get("id_token_signing_alg_values_supported"));
        assertEquals(List.of("public"), body.get("subject_types_supported"));
        assertEquals(ISSUER + "/introspect", body.get("introspection_endpoint"));
        assertEquals("public, max-age=120", response.header(HttpHeaders.CACHE_CONTROL));
    }

    @Test
    void jwksPublishesPublicPartsOfEveryAsymmetricKeyOnly() throws Exception {
        HttpResponse<String> response = client.toBlocking().exchange("/.well-known/jwks.json", String.class);

        JWKSet published = JWKSet.parse(response.body());
        assertEquals(List.of("new", "old"), published.getKeys().stream().map(k -> k.getKeyID()).toList());
        published.getKeys().forEach(key -> assertFalse(key.isPrivate(), key.getKeyID()));
        assertFalse(response.body().contains("\"d\""));
        assertFalse(response.body().contains("\"k\""));
        assertEquals("application/json", response.getContentType().orElseThrow().getName());
        assertEquals("public, max-age=120", response.header(HttpHeaders.CACHE_CONTROL));
    }

    @Test
    void mintedTokenCarriesTheConfiguredIssuerAndVerifies() {
        String token = minter.mint(new MintRequest("u", "s", Instant.now(), null, "web", null)).token();

        assertEquals("u", verifier.verify(token).subject());
    }

    @Test
    void micronautsOwnKeysEndpointIsOff() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange("/keys", String.class));

        // Unmatched routes answer 404 (micronaut.security.reject-not-found=false); its KeysController would answer 200.
        assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
        assertFalse(context.containsBean(KeysController.class));
    }

    @Test
    void brokerTokensAuthenticateThroughMicronautSecurityOnlyAsTheBrokersVerifierDecides() {
        String token = minter.mint(new MintRequest("u", "s", Instant.now(), null, "web", null)).token();
        JWTClaimsSet claims = ForgedTokens.claims(ISSUER, "backend", Instant.now(), Duration.ofMinutes(5)).build();
        String typJwt = ForgedTokens.es256(SIGNING_KEY, new JWSHeader.Builder(JWSAlgorithm.ES256)
                .type(JOSEObjectType.JWT).keyID("new").build(), claims);
        String trailingSlashIssuer = ForgedTokens.es256(SIGNING_KEY,
                ForgedTokens.claims(ISSUER + "/", "backend", Instant.now(), Duration.ofMinutes(5)).build());

        String caller = client.toBlocking().retrieve(HttpRequest.GET("/test-authenticated").bearerAuth(token));

        assertEquals("u " + List.of(Roles.SESSION_HOLDER), caller);
        assertEquals(claims.getSubject() + " " + List.of(Roles.SESSION_HOLDER), client.toBlocking().retrieve(
                HttpRequest.GET("/test-authenticated").bearerAuth(ForgedTokens.es256(SIGNING_KEY, claims))),
                "a forged token the verifier accepts, as a control");
        for (String refused : List.of(typJwt, trailingSlashIssuer)) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.GET("/test-authenticated").bearerAuth(refused)));
            assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
        }
    }

    /** Stands for any endpoint that would rely on micronaut-security's bearer authentication. */
    @Requires(property = "spec.name", value = "WellKnownEndpointsHttpTest")
    @Controller("/test-authenticated")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    static final class AuthenticatedController {

        @Get
        String hello(Authentication caller) {
            return caller.getName() + " " + caller.getRoles();
        }
    }
}
