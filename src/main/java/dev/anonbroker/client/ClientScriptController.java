package dev.anonbroker.client;

import dev.anonbroker.gate.OriginPolicy;
import dev.anonbroker.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /anon-session.js} and {@code GET /anon-session-pow-worker.js}: the browser client, for
 * {@code import { createAnonSession } from "https://broker.example.com/anon-session.js"}. Browsers fetch module
 * scripts in CORS mode, so an allowed {@code Origin} is echoed in {@code Access-Control-Allow-Origin} (by the same
 * allow-list as the session endpoints); any other origin gets no such header and its page cannot run the module.
 * Never credentials: the scripts are public.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "client")
final class ClientScriptController {

    static final String MODULE_PATH = "/anon-session.js";
    static final String WORKER_PATH = "/anon-session-pow-worker.js";
    static final String CONTENT_TYPE = "text/javascript; charset=utf-8";
    static final String CACHE_CONTROL = "public, max-age=300";
    static final String CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

    private final ClientScripts scripts;
    private final OriginPolicy origins;

    ClientScriptController(ClientScripts scripts, OriginPolicy origins) {
        this.scripts = scripts;
        this.origins = origins;
    }

    @Get(uri = MODULE_PATH, produces = CONTENT_TYPE)
    @Operation(summary = "The browser client (ES module)",
            description = "createAnonSession({ backends }) mints, refreshes and attaches broker tokens; see the "
                    + "client guide. Cacheable for 5 minutes, revalidated by its ETag.")
    @ApiResponse(responseCode = "200", description = "The module", content = @Content(mediaType = CONTENT_TYPE))
    @ApiResponse(responseCode = "304", description = "Unchanged since the If-None-Match entity tag")
    @ApiResponse(responseCode = "404", description = "The broker was built without its client", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<byte[]> clientModule(@Parameter(hidden = true) @Nullable @Header(HttpHeaders.ORIGIN) String origin,
                                      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(scripts.module(), origin, ifNoneMatch);
    }

    @Get(uri = WORKER_PATH, produces = CONTENT_TYPE)
    @Operation(summary = "The browser client's proof-of-work worker",
            description = "Loaded by the client from next to the module (through a Blob URL when the module's origin "
                    + "is not the page's).")
    @ApiResponse(responseCode = "200", description = "The worker script", content = @Content(mediaType = CONTENT_TYPE))
    @ApiResponse(responseCode = "304", description = "Unchanged since the If-None-Match entity tag")
    @ApiResponse(responseCode = "404", description = "The broker was built without its client", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    HttpResponse<byte[]> powWorker(@Parameter(hidden = true) @Nullable @Header(HttpHeaders.ORIGIN) String origin,
                                   @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve(scripts.worker(), origin, ifNoneMatch);
    }

    private MutableHttpResponse<byte[]> serve(ClientScript script, @Nullable String origin,
                                              @Nullable String ifNoneMatch) {
        MutableHttpResponse<byte[]> response = ifNoneMatch != null && script.matches(ifNoneMatch)
                ? HttpResponse.notModified()
                : HttpResponse.ok(script.bytes()).contentType(CONTENT_TYPE);
        response.header(HttpHeaders.ETAG, script.etag())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(CONTENT_TYPE_OPTIONS, "nosniff")
                .header(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        if (origins.allows(origin)) {
            response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        return response;
    }
}
