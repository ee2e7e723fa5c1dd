package dev.anonbroker.health;

import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.shared.SharedRedis;
import io.micronaut.health.HealthStatus;
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
import java.util.Optional;

/**
 * {@code GET /health} on the public port: {@code {"status":"UP"}}, 503 {@code {"status":"DOWN"}} when GoTrue did not
 * answer, or, with {@code redis.uri}, 200 {@code {"status":"DEGRADED"}} when GoTrue answers and Redis does not (see
 * {@link SharedStateHealthIndicator} for why that is not DOWN). Both checks are cached for
 * {@code broker.health.gotrue-check-interval}. The detailed health and the metrics are on the management port.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "health")
final class PublicHealthController {

    static final String PATH = "/health";
    /** Serving, with something missing: here, the shared state. Ranks between UP and DOWN when statuses are merged. */
    static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "serving what needs no shared state; requests that need it are refused", null, 500);

    private final CachedCheck gotrue;
    private final CachedCheck sharedState;

    PublicHealthController(GoTrueClient client, Optional<SharedRedis> redis, HealthConfiguration configuration) {
        this.gotrue = new CachedCheck(client::isReachable, configuration.gotrueCheckInterval());
        this.sharedState = redis.map(shared -> new CachedCheck(shared::answersPing, configuration.gotrueCheckInterval()))
                .orElse(null);
    }

    @Get(uri = PATH, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Liveness for load balancers",
            description = "UP when the broker runs and GoTrue answered its last reachability check (made at most once "
                    + "per broker.health.gotrue-check-interval), DOWN otherwise. With a shared Redis (redis.uri), "
                    + "DEGRADED while GoTrue answers and Redis does not: requests that need shared state are refused "
                    + "with 503 shared-state-unavailable, the rest are served. No details: those are on the "
                    + "management port.")
    @ApiResponse(responseCode = "200", description = "{\"status\":\"UP\"}, or {\"status\":\"DEGRADED\"}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "503", description = "{\"status\":\"DOWN\"}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    HttpResponse<Map<String, String>> health() {
        if (!gotrue.passes()) {
            return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "DOWN"));
        }
        boolean degraded = sharedState != null && !sharedState.passes();
        return HttpResponse.ok(Map.of("status", degraded ? DEGRADED.getName() : HealthStatus.UP.getName()));
    }
}
