package dev.anonbroker.credential;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.utils.SecurityService;

import java.util.LinkedHashMap;
import java.util.Map;

/** What micronaut-security's {@link SecurityService} knows about the caller; open to anyone, so it never refuses. */
@Requires(property = "spec.name", value = "CallerAuthenticationTest")
@Controller("/test/caller")
@Secured(SecurityRule.IS_ANONYMOUS)
final class CallerController {

    private final SecurityService security;

    CallerController(SecurityService security) {
        this.security = security;
    }

    @Get
    Map<String, Object> caller() {
        Map<String, Object> caller = new LinkedHashMap<>();
        caller.put("authenticated", security.isAuthenticated());
        security.getAuthentication().ifPresent(authentication -> describe(authentication, caller));
        return caller;
    }

    private static void describe(Authentication authentication, Map<String, Object> caller) {
        caller.put("name", authentication.getName());
        caller.put("roles", authentication.getRoles());
        caller.put("attributes", authentication.getAttributes());
    }
}
