package example.backend;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Accepts only JWT access tokens ({@code typ: at+jwt}, RFC 9068 section 4), so that no other JWT signed by the same
 * keys passes as a broker token. micronaut-security-jwt has no setting for {@code typ}, and its claims validators see
 * only the claims, so this one reads the header of the bearer token of the request.
 */
@Singleton
class AccessTokenTypeValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");
    private static final String BEARER = "Bearer ";

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        if (request == null) {
            return false;
        }
        return request.getHeaders().getAuthorization()
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> type(header.substring(BEARER.length()).trim()))
                .filter(type -> ACCESS_TOKEN_TYPES.contains(type))
                .isPresent();
    }

    private static String type(String token) {
        try {
            JOSEObjectType type = JWSObject.parse(token).getHeader().getType();
            return type == null ? "" : type.getType().toLowerCase(Locale.ROOT);
        } catch (ParseException notAJws) {
            return "";
        }
    }
}
