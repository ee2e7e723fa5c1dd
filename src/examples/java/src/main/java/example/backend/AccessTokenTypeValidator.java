package example.backend;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Accepts only JWT access tokens ({@code typ: at+jwt}, RFC 9068 section 4), so that no other JWT signed by the same
 * keys passes as a broker token. micronaut-security-jwt has no setting for {@code typ}, and its claims validators see
 * only the claims, so this one reads the header of the request's token ({@code Bearer}, {@code DPoP} or the cookie).
 */
@Singleton
class AccessTokenTypeValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of("at+jwt", "application/at+jwt");
    private static final List<String> SCHEMES = List.of("Bearer ", DpopTokenReader.SCHEME + " ");

    private final BrokerCookieTokenReader cookie;

    AccessTokenTypeValidator(BrokerCookieTokenReader cookie) {
        this.cookie = cookie;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        if (request == null) {
            return false;
        }
        Optional<String> authorization = request.getHeaders().getAuthorization();
        return (authorization.isPresent() ? authorization.flatMap(AccessTokenTypeValidator::token)
                        : cookie.findToken(request))
                .map(AccessTokenTypeValidator::type)
                .filter(type -> ACCESS_TOKEN_TYPES.contains(type))
                .isPresent();
    }

    /** The token of {@code Authorization: Bearer <token>} or {@code DPoP <token>}. */
    private static Optional<String> token(String header) {
        return SCHEMES.stream()
                .filter(scheme -> header.regionMatches(true, 0, scheme, 0, scheme.length()))
                .map(scheme -> header.substring(scheme.length()).trim())
                .findFirst();
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
