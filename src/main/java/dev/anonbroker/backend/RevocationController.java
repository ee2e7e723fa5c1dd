package dev.anonbroker.backend;

import dev.anonbroker.credential.Roles;
import dev.anonbroker.problem.Problem;
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

/**
 * {@code POST /revoke}: token revocation (RFC 7009). Revoking one token ends its whole session; see
 * {@link SessionRevoker} for who may revoke what.
 */
@Controller
@Secured({Roles.BACKEND_CLIENT, Roles.SESSION_HOLDER})
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "backends")
final class RevocationController {

    static final String PATH = "/revoke";

    private final SessionRevoker revoker;

    RevocationController(SessionRevoker revoker) {
        this.revoker = revoker;
    }

    @Post(uri = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke a broker token and its session (RFC 7009)",
            description = "Ends the token's session (sid): its tokens are inactive at introspection and refresh "
                    + "refuses them. Offline verifiers do not see this; the short token lifetime bounds them. Callers: "
                    + "a backend client (HTTP Basic) or the session's holder (Authorization: Bearer <broker token of "
                    + "the same session>). An invalid or unknown token is answered 200, as RFC 7009 asks.")
    @SecurityRequirement(name = "backendClient")
    @SecurityRequirement(name = "brokerBearer")
    @ApiResponse(responseCode = "200", description = "Revoked, or nothing to revoke")
    @ApiResponse(responseCode = "400", description = "The form parameter token is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "401", description = "Missing or wrong client credentials, or an invalid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "403", description = "The holder of one session presented a token of another", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "Too many revoked sessions remembered; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<Void> revoke(
            Authentication caller,
            @Nullable @Body TokenForm form) {
        revoker.revoke(caller, TokenParameter.of(form));
        return HttpResponse.<Void>ok().header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
