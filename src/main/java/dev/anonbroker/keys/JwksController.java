package dev.anonbroker.keys;

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

/**
 * {@code GET /.well-known/jwks.json}: the public parts of the broker's asymmetric signing keys (RFC 7517 section 5),
 * each with {@code kid}, {@code alg} and {@code use: sig}. HS256 secrets are never published; an HS256-only broker
 * serves an empty set.
 *
 * <p>Served as {@code application/json}: every JWKS client we target (PyJWT's {@code PyJWKClient}, jose's
 * {@code createRemoteJWKSet}, Nimbus, Spring Security, go keyfunc) accepts it, while {@code application/jwk-set+json}
 * is refused by some generic JSON clients.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "keys")
public final class JwksController {

    public static final String PATH = "/.well-known/jwks.json";

    private final SigningKeySource keySource;
    private final String cacheControl;

    JwksController(SigningKeySource keySource, SigningConfiguration configuration) {
        this.keySource = keySource;
        this.cacheControl = configuration.cacheControl();
    }

    @Get(uri = PATH, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Public signing keys",
            description = "The JWK set (RFC 7517) backends verify broker tokens with. Private key parts and HS256 "
                    + "secrets are never included. Cacheable; see Cache-Control.")
    @ApiResponse(responseCode = "200", description = "The JWK set, e.g. {\"keys\": [{\"kty\": \"EC\", \"kid\": ...}]}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = "object", description = "JWK set: {\"keys\": [JWK, ...]}")))
    HttpResponse<String> jwks() {
        String body = keySource.keys().publishedKeys().toString(true);
        return HttpResponse.ok(body).header(HttpHeaders.CACHE_CONTROL, cacheControl);
    }
}
