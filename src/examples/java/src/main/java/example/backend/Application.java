package example.backend;

import io.micronaut.runtime.Micronaut;

/** Starts the example backend: {@code java -jar target/java-backend-example-0.1.0.jar} or {@code mvn mn:run}. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
