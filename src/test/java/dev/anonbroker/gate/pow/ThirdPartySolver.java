package dev.anonbroker.gate.pow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code src/test/node/altcha/solve.mjs}: npm {@code altcha-lib}'s v1 solver fetches and solves the broker's
 * challenge. Its {@code node_modules} come from {@code npm ci} in Maven's {@code process-test-resources}.
 */
final class ThirdPartySolver {

    static final Path PROJECT = Path.of("src/test/node/altcha").toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 60;

    private ThirdPartySolver() {
    }

    /** The base64 payload altcha-lib produced for a challenge fetched from {@code challengeUrl}. */
    static String solve(String challengeUrl, String origin) {
        assertTrue(Files.isDirectory(PROJECT.resolve("node_modules/altcha-lib")),
                "run 'mvn process-test-resources' (npm ci in " + PROJECT + ") first");
        try {
            Path output = Files.createTempFile("altcha-payload", ".txt");
            Process node = new ProcessBuilder("node", "solve.mjs", challengeUrl, origin).directory(PROJECT.toFile())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            boolean finished = node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            assertTrue(finished, "node solve.mjs finished within " + TIMEOUT_SECONDS + " s");
            assertEquals(0, node.exitValue(), "node solve.mjs exit code");
            String payload = Files.readString(output, StandardCharsets.UTF_8).strip();
            Files.delete(output);
            return payload;
        } catch (IOException e) {
            throw new AssertionError("could not run node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
