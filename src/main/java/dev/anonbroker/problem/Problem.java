package dev.anonbroker.problem;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem details body, rendered as {@code application/problem+json}.
 *
 * @param type   stable URI from {@link ProblemType}
 * @param title  short human summary of the type
 * @param status the HTTP status code
 * @param detail what went wrong with this request, written for the caller; never a secret or an upstream body
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status().getCode(), detail);
    }
}
