package dev.anonbroker.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/**
 * {@code GET /health} on the public port: {@code {"status":"UP"}} or 503 {@code {"status":"DOWN"}}, from a cached
 * GoTrue reachability check and nothing else. The detailed health and the metrics are on the management port.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "health")
final class PublicHealthController {

    static final String PATH = "/health";

    private final CachedGoTrueReachability gotrue;

    PublicHealthController(CachedGoTrueReachability gotrue) {
        this.gotrue = gotrue;
    }

    @Get(uri = PATH, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Liveness for load balancers",
            description = "UP when the broker runs and GoTrue answered its last reachability check (made at most once "
                    + "per broker.health.gotrue-check-interval), DOWN otherwise. No details: those are on the "
                    + "management port.")
    @ApiResponse(responseCode = "200", description = "{\"status\":\"UP\"}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "503", description = "{\"status\":\"DOWN\"}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    HttpResponse<Map<String, String>> health() {
        return gotrue.isReachable()
                ? HttpResponse.ok(Map.of("status", "UP"))
                : HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
    }
}
