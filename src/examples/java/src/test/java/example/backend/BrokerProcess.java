package example.backend;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real broker jar (with its embedded GoTrue emulator) as a separate process on a free loopback port, like a
 * deployed broker. {@link #start} may be called again after {@link #stop}: same port, same issuer.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Path workdir;
    private final Path log;
    private Process process;

    private BrokerProcess(int port, Path workdir) {
        this.port = port;
        this.workdir = workdir;
        this.log = workdir.resolve("broker.log");
        // Also when the test run is interrupted before the class's cleanup.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** A broker (not started yet) that will listen on {@code port}. */
    static BrokerProcess onPort(int port) {
        try {
            return new BrokerProcess(port, Files.createTempDirectory("anon-broker-test-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: what the broker writes into {@code iss}. */
    String issuer() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Starts the broker with the JWK set {@code signingJwks} (JSON with private parts: the first key signs, all are
     * published) and the audiences {@code audiences}, and waits until {@code /health} answers 200.
     */
    synchronized void start(String signingJwks, List<String> audiences) {
        Path keys = writePrivately(workdir.resolve("signing-jwks.json"), signingJwks);
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("BROKER_") || name.startsWith("MICRONAUT_"));
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        env.put("BROKER_ISSUER", issuer());
        env.put("BROKER_AUDIENCES", String.join(",", audiences));
        env.put("BROKER_SIGNING_JWKS_FILE", keys.toString());
        env.put("BROKER_EMULATOR_PORT", String.valueOf(freePortOtherThan(port)));
        env.put("BROKER_EMULATOR_BCRYPT_COST", "4");
        // Signing keys without a GoTrue URL: the broker refuses the embedded emulator unless asked for it.
        env.put("BROKER_EMULATOR_ENABLED", "true");
        env.put("BROKER_MANAGEMENT_PORT", String.valueOf(freePortOtherThan(port)));
        try {
            process = builder.start();
            process.getOutputStream().close(); // nothing on its standard input
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker jar", e);
        }
        awaitHealth();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after a deadline); the port stays this broker's. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(workdir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code POST /anon-session}: the broker's JSON answer (access_token, token_type, expires_in, session_id). */
    Map<String, Object> newSession(String audience) {
        return newSession(audience, null);
    }

    /** {@code POST /anon-session} with the DPoP proof {@code dpopProof} (null: none), for a token bound to its key. */
    Map<String, Object> newSession(String audience, String dpopProof) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(issuer() + "/anon-session"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"audience\":\"" + audience + "\"}"));
        if (dpopProof != null) {
            builder.header("DPoP", dpopProof);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /anon-session answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json(response.body());
    }

    /** The access token of a new session for {@code audience}. */
    String accessToken(String audience) {
        return (String) newSession(audience).get("access_token");
    }

    static Map<String, Object> json(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object: " + body, e);
        }
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ANON_BROKER_JAR} (the broker's build passes it), else the jar in the broker's {@code target/}. */
    static Path jar() {
        String configured = System.getenv("ANON_BROKER_JAR");
        Path jar = configured == null || configured.isBlank() ? builtJar() : Path.of(configured).toAbsolutePath();
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException("broker jar not found: run 'mvn -B package -DskipTests' in the broker's "
                    + "directory or set ANON_BROKER_JAR");
        }
        return jar;
    }

    private static Path builtJar() {
        Path target = Path.of("..", "..", "..", "target").toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "anon-broker-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealth() {
        Instant deadline = Instant.now().plus(START_DEADLINE);
        HttpRequest health = HttpRequest.newBuilder(URI.create(issuer() + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited with " + process.exitValue() + " at start-up:\n"
                        + logTail());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | HttpTimeoutException notListeningYet) {
                // the JVM is still starting
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        stop();
        throw new IllegalStateException("broker not healthy after " + START_DEADLINE.toSeconds() + "s:\n" + logTail());
    }

    /** The polling interval while the broker starts; the deadline in {@link #awaitHealth} bounds the wait. */
    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path writePrivately(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePortOtherThan(int taken) {
        int port = freePort();
        while (port == taken) {
            port = freePort();
        }
        return port;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
