package dev.anonbroker;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/**
 * Entry point: {@code java -jar anon-broker.jar} starts the broker.
 */
@OpenAPIDefinition(info = @Info(
        title = "anon-broker",
        version = "0.1.0",
        description = "Ephemeral anonymous-identity token broker for GoTrue (Netlify Identity, Supabase Auth)",
        license = @License(name = "Apache-2.0")))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
