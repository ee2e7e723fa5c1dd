package dev.anonbroker.client;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The built client scripts, read once from the classpath. A jar built without them (no Node.js at build time) still
 * starts; their paths then answer 404 and the start-up log says why.
 */
@Singleton
final class ClientScripts {

    static final String MODULE_RESOURCE = "client/anon-session.js";
    static final String WORKER_RESOURCE = "client/anon-session-pow-worker.js";

    private static final Logger LOG = LoggerFactory.getLogger(ClientScripts.class);

    private final Optional<ClientScript> module;
    private final Optional<ClientScript> worker;

    ClientScripts() {
        this.module = load(MODULE_RESOURCE);
        this.worker = load(WORKER_RESOURCE);
    }

    ClientScript module() {
        return module.orElseThrow(ClientScripts::missing);
    }

    ClientScript worker() {
        return worker.orElseThrow(ClientScripts::missing);
    }

    private static Optional<ClientScript> load(String resource) {
        try (InputStream in = ClientScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                LOG.warn("{} is not on the classpath: this build has no browser client (the Maven build makes it "
                        + "with Node.js from src/client)", resource);
                return Optional.empty();
            }
            return Optional.of(ClientScript.of(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static ProblemException missing() {
        return new ProblemException(ProblemType.NOT_FOUND, "This broker was built without its browser client.");
    }
}
