package example.backend;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Compares {@code iss} exactly with {@code micronaut.security.token.jwt.claims-validators.issuer}. micronaut-security's
 * own issuer check (4.15) ignores {@code http://} versus {@code https://} and a trailing slash and accepts any suffix
 * of the configured issuer; broker tokens carry the issuer exactly, so nothing is lost by being strict.
 */
@Singleton
@Requires(property = ExactIssuerValidator.ISSUER)
class ExactIssuerValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    static final String ISSUER = "micronaut.security.token.jwt.claims-validators.issuer";

    private final String issuer;

    ExactIssuerValidator(@Property(name = ISSUER) String issuer) {
        this.issuer = issuer;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        return issuer.equals(claims.get(Claims.ISSUER));
    }
}
