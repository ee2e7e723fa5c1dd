package dev.anonbroker;

import dev.anonbroker.emulator.EmulatorCommand;
import dev.anonbroker.keys.CryptoPreloader;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import java.util.Arrays;

/**
 * Entry point. {@code java -jar anon-broker.jar} starts the broker; {@code java -jar anon-broker.jar emulator ...}
 * starts only the GoTrue emulator, as its own process (this is the one place that refers to the emulator's code);
 * {@code java -jar anon-broker.jar cds-training} is the training run of the start-up archive ({@link CdsTraining}).
 */
@OpenAPIDefinition(info = @Info(
        title = "anon-broker",
        version = "0.1.0",
        description = "Ephemeral anonymous-identity token broker for GoTrue (Netlify Identity, Supabase Auth): "
                + "short-lived backend session tokens for anonymous visitors of a static frontend.",
        license = @License(name = "Apache-2.0")))
@SecurityScheme(name = "brokerBearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A broker token")
@SecurityScheme(name = "gotrueBearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A GoTrue access token of a throwaway user")
@SecurityScheme(name = "backendClient", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A backend client configured under broker.backend-clients")
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "emulator".equals(args[0])) {
            EmulatorCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "cds-training".equals(args[0])) {
            CdsTraining.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        CryptoPreloader.start();
        Micronaut.run(Application.class, args);
    }
}
