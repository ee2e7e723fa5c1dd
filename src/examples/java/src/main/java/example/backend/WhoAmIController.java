package example.backend;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/**
 * An endpoint only visitors with a valid broker token reach: public to anyone who went through the broker's gate,
 * closed to everyone else.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
class WhoAmIController {

    @Get("/whoami")
    Map<String, Object> whoAmI(Authentication visitor) {
        return Map.of("sub", visitor.getName(), "sid", String.valueOf(visitor.getAttributes().get("sid")));
    }

    /** The same answer for a method that is not safe, where a token from the cookie needs an allowed Origin. */
    @Post("/whoami")
    Map<String, Object> whoAmIByPost(Authentication visitor) {
        return whoAmI(visitor);
    }
}
