package dev.anonbroker.emulator;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command as a real process: exit code 2 on bad options, serving until SIGTERM, and faults steered over HTTP. */
class EmulatorProcessTest {

    private static Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void badOptionExitsWith2() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorCommand.class.getName(), "--bogus").start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue());
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("unknown option --bogus"), err);
    }

    @Test
    void servesUntilTerminated() throws Exception {
        Process process = launch("--port", "0", "--flavor", "netlify", "--bcrypt-cost", "4", "--jwt-secret", "s",
                "--operator-token", "op");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line);
            assertTrue(line.contains("(netlify) listening on http://127.0.0.1:"), line);
            String baseUrl = line.substring(line.indexOf("http://"));
            HttpProbe probe = new HttpProbe(baseUrl);
            assertEquals(200, probe.status("GET", "/health", null));
            assertEquals(200, probe.status("PUT", "/_emulator/faults", "{\"route\":\"GET /settings\",\"server_error_share\":1}"));
            assertEquals(500, probe.status("GET", "/settings", null));
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
    }

    /** Plain JDK client calls against the child process. */
    private record HttpProbe(String baseUrl) {
        int status(String method, String path, String body) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + path))
                    .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                            : java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            return java.net.http.HttpClient.newHttpClient()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
