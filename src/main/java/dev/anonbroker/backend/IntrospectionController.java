package dev.anonbroker.backend;

import dev.anonbroker.problem.Problem;
import dev.anonbroker.credential.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.concurrent.CompletionStage;

/**
 * {@code POST /introspect}: token introspection (RFC 7662) for backend clients. The answer is computed from the
 * token and this process' revocation list; nothing blocks, so it runs on the event loop.
 */
@Controller
@Secured(Roles.BACKEND_CLIENT)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "backends", description = "Online checks for backends")
final class IntrospectionController {

    static final String PATH = "/introspect";

    private final TokenIntrospector introspector;

    IntrospectionController(TokenIntrospector introspector) {
        this.introspector = introspector;
    }

    @Post(uri = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Introspect a broker token (RFC 7662)",
            description = "Whether the token is valid right now for the calling backend client: signature, type, "
                    + "issuer, audience (also against the client's broker.backend-clients.<id>.audiences), lifetime "
                    + "and revocation. Anything else is {\"active\": false}.")
    @SecurityRequirement(name = "backendClient")
    @ApiResponse(responseCode = "200", description = "{\"active\": false}, or the token's claims with \"active\": true",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IntrospectionResponse.class)))
    @ApiResponse(responseCode = "400", description = "The form parameter token is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "Missing or wrong client credentials; WWW-Authenticate: Basic", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    CompletionStage<HttpResponse<IntrospectionResponse>> introspect(
            Authentication client,
            @Nullable @Body TokenForm form) {
        return introspector.introspect(BackendClient.of(client), TokenParameter.required(TokenParameter.of(form)))
                .thenApply(answer -> HttpResponse.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .header(HttpHeaders.PRAGMA, "no-cache"));
    }
}
