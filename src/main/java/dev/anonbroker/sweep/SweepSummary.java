package dev.anonbroker.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What one sweep run did, as {@code /sweep} answers it. Times are ISO-8601 instants.
 *
 * @param trigger           what started the run
 * @param outcome           how it ended, or {@code RUNNING}
 * @param startedAt         start of the run
 * @param finishedAt        end of the run; null while running
 * @param durationMillis    time spent so far
 * @param pagesRead         {@code GET /admin/users} calls made
 * @param usersListed       {@code X-Total-Count} of the first page read: users in the walk; -1 before any page
 * @param usersScanned      distinct users examined
 * @param orphansDeleted    orphans removed: deleted now, or already gone (404) because another instance was quicker
 * @param alreadyGone       of those, the ones GoTrue answered 404 for
 * @param failures          failed GoTrue calls (each attempt counts)
 * @param retryAfterSeconds GoTrue's Retry-After when it rate-limited the run; null otherwise
 * @param nextPosition      list position (0-based, oldest first) the next run starts from
 */
@Serdeable
@Schema(description = "What one orphan-sweep run did")
public record SweepSummary(
        @JsonProperty("trigger") SweepTrigger trigger,
        @JsonProperty("outcome") SweepOutcome outcome,
        @JsonProperty("started_at") @Schema(example = "2026-01-01T12:00:00Z") String startedAt,
        @JsonProperty("finished_at") @Nullable String finishedAt,
        @JsonProperty("duration_ms") long durationMillis,
        @JsonProperty("pages_read") int pagesRead,
        @JsonProperty("users_listed") long usersListed,
        @JsonProperty("users_scanned") long usersScanned,
        @JsonProperty("orphans_deleted") int orphansDeleted,
        @JsonProperty("already_gone") int alreadyGone,
        @JsonProperty("failures") int failures,
        @JsonProperty("retry_after_seconds") @Nullable Long retryAfterSeconds,
        @JsonProperty("next_position") long nextPosition) {
}
