package dev.anonbroker.sweep;

import dev.anonbroker.credential.Roles;
import dev.anonbroker.problem.Problem;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The operator endpoint of the orphan sweep. It exists only when the sweep is on and
 * {@code broker.sweep.operator-token} is set; otherwise {@code /sweep} answers 404 like any unknown path, so an
 * unconfigured broker offers no credential to guess. Callers are authenticated by {@link OperatorTokenValidator}. A
 * sweep blocks on GoTrue, hence the blocking executor.
 */
@Controller("/sweep")
@Requires(property = SweepConfiguration.ENABLED, notEquals = "false")
@Requires(property = SweepController.TOKEN_PROPERTY)
@Secured(Roles.OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "operators", description = "Operator endpoints")
@SecurityScheme(name = "operatorBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The operator token configured as broker.sweep.operator-token")
final class SweepController {

    static final String TOKEN_PROPERTY = SweepConfiguration.PREFIX + ".operator-token";

    private final OrphanSweeper sweeper;

    SweepController(OrphanSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Post
    @Operation(summary = "Run the orphan sweep now",
            description = "Runs one sweep and returns its summary. When a sweep is already running in this broker "
                    + "process, starts nothing and returns that run's progress (outcome RUNNING).")
    @SecurityRequirement(name = "operatorBearer")
    @ApiResponse(responseCode = "200", description = "The run's summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SweepSummary.class)))
    @ApiResponse(responseCode = "401", description = "Missing or wrong operator token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    SweepSummary sweep() {
        return sweeper.sweep(SweepTrigger.OPERATOR);
    }

    @Get
    @Operation(summary = "The last orphan sweep", description = "The summary of the last finished run in this broker process.")
    @SecurityRequirement(name = "operatorBearer")
    @ApiResponse(responseCode = "200", description = "The last run's summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SweepSummary.class)))
    @ApiResponse(responseCode = "401", description = "Missing or wrong operator token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "No run has finished yet", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    SweepSummary last() {
        return sweeper.last().orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No orphan sweep has finished in this broker process yet."));
    }
}
