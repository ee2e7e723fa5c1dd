package example.backend;

import dev.anonbroker.Application;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the example backend as its own Micronaut application with exactly the example's {@code application.yml}.
 *
 * <p>The example is compiled with the broker's test sources, so the broker's classes share its classpath. A class
 * loader that hides the broker's build output from resource lookups keeps the broker's beans and its
 * {@code application.yml} out of the example's context: the backend sees micronaut-security-jwt, its own two classes
 * and its own settings, as it would in a project of its own.
 */
final class ExampleBackend implements AutoCloseable {

    static final Path CONFIG = Path.of("src/examples/java/src/main/resources/application.yml");

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private ExampleBackend(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /** The backend of {@link #CONFIG}, for the broker at {@code issuer}, with {@code overrides} on top. */
    static ExampleBackend start(String issuer, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(exampleConfiguration());
        properties.put("ANON_BROKER_ISSUER", issuer);
        properties.put("micronaut.server.port", -1);
        properties.putAll(overrides);
        ApplicationContext context = ApplicationContext.builder()
                .classLoader(new WithoutBroker(ExampleBackend.class.getClassLoader()))
                .deduceEnvironment(false)
                .environments(WhoAmIController.ENVIRONMENT)
                .properties(properties)
                .start();
        context.getBean(EmbeddedServer.class).start();
        return new ExampleBackend(context);
    }

    ApplicationContext context() {
        return context;
    }

    URI uri(String path) {
        return URI.create(server.getURL().toString() + path);
    }

    private static Map<String, Object> exampleConfiguration() {
        try (InputStream yaml = Files.newInputStream(CONFIG)) {
            return new YamlPropertySourceLoader().read("java-backend-example", yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Hides every resource of the broker's main build output (bean definitions, application.yml). */
    private static final class WithoutBroker extends ClassLoader {

        private final String brokerOutput;

        WithoutBroker(ClassLoader parent) {
            super(parent);
            this.brokerOutput = Application.class.getProtectionDomain().getCodeSource().getLocation().toString();
        }

        @Override
        public URL getResource(String name) {
            try {
                return visible(getParent().getResources(name)).stream().findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return Collections.enumeration(visible(getParent().getResources(name)));
        }

        private List<URL> visible(Enumeration<URL> urls) {
            return Collections.list(urls).stream().filter(url -> !url.toString().startsWith(brokerOutput)).toList();
        }
    }
}
