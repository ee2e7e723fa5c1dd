package dev.anonbroker.backend;

import com.nimbusds.jose.JWSAlgorithm;
import dev.anonbroker.config.BrokerIssuer;
import dev.anonbroker.dpop.DpopConfiguration;
import dev.anonbroker.keys.JwksController;
import dev.anonbroker.keys.SigningConfiguration;
import dev.anonbroker.keys.SigningKeySource;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * {@code GET /.well-known/openid-configuration}: discovery for backend libraries (OpenID Connect Discovery 1.0).
 *
 * <p>All URLs derive from the issuer, which may carry a path (a broker behind {@code https://example.com/broker}
 * publishes {@code https://example.com/broker/.well-known/jwks.json}); the proxy in front maps them to the paths
 * here. Endpoints join the document when they exist, by passing their path to {@link BrokerIssuer#resolve(String)}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "keys")
final class DiscoveryController {

    static final String PATH = "/.well-known/openid-configuration";
    private static final List<String> CLIENT_AUTH_METHODS = List.of("client_secret_basic");
    private static final List<String> CLAIMS = List.of(
            "iss", "sub", "aud", "sid", "jti", "iat", "nbf", "exp", "auth_time", "client_id", "origin", "cnf");

    private final BrokerIssuer issuer;
    private final SigningKeySource keySource;
    private final String cacheControl;
    private final List<String> dpopAlgorithms;

    DiscoveryController(BrokerIssuer issuer, SigningKeySource keySource, SigningConfiguration configuration,
                        DpopConfiguration dpop) {
        this.issuer = issuer;
        this.keySource = keySource;
        this.cacheControl = configuration.cacheControl();
        this.dpopAlgorithms = dpop.algorithms();
    }

    @Get(uri = PATH, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenID provider metadata",
            description = "Issuer, JWKS URL, introspection and revocation endpoints and supported algorithms, for "
                    + "OIDC discovery clients. Cacheable.")
    @ApiResponse(responseCode = "200", description = "The discovery document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DiscoveryDocument.class)))
    HttpResponse<DiscoveryDocument> openIdConfiguration() {
        List<String> algorithms = keySource.keys().algorithms().stream().map(JWSAlgorithm::getName).toList();
        DiscoveryDocument document = new DiscoveryDocument(issuer.value(), issuer.resolve(JwksController.PATH),
                issuer.resolve(IntrospectionController.PATH), issuer.resolve(RevocationController.PATH),
                CLIENT_AUTH_METHODS, CLIENT_AUTH_METHODS, List.of("token"), List.of("public"), algorithms, CLAIMS,
                dpopAlgorithms);
        return HttpResponse.ok(document).header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
}
