package dev.anonbroker.shared;

import dev.anonbroker.Application;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Broker processes on one Redis, as instances behind a load balancer run: each a JVM of its own
 * ({@code java -cp <test classpath> dev.anonbroker.Application}) on its own public and management port, all in front
 * of one GoTrue, signing with one JWK set, with one {@code broker.issuer} and one {@code redis.uri}. Each process's
 * stdout and stderr go to {@code target/broker-processes/<run>/broker-<i>.log}; a broker that does not become ready
 * fails the start with the tail of its log.
 *
 * <p>The configuration goes to each process in a properties file ({@code micronaut.config.files}) readable only by
 * this user, not on the command line, since it holds the signing keys and the client secrets; the files are deleted
 * on {@link #close()}.
 */
final class BrokerProcesses implements AutoCloseable {

    static final String ISSUER = "https://broker.test/auth";
    /**
     * Not a broker property: JVM options for the process (space-separated), for what only the JVM reads, such as
     * {@code -Djavax.net.ssl.trustStore}.
     */
    static final String JVM_OPTIONS = "test.jvm-options";
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;

    private final Path directory;
    private final List<Broker> brokers = new ArrayList<>();

    private record Broker(int index, Process process, int port, int managementPort, Path log, Path configuration) {

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }
    }

    private BrokerProcesses(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts {@code count} brokers in parallel and returns once each answers {@code GET /health} with 200. Every
     * broker gets {@code redis.uri} of {@code redis}, {@code broker.gotrue.url} {@code gotrueUrl} (a netlify emulator
     * with {@link TestSecrets}' JWT secret), one freshly generated EC signing key, {@code broker.issuer}
     * {@value #ISSUER}, rate limits off, a fast deletion retry, then {@code properties}, which may override any of
     * these (a given {@code broker.pow.hmac-key} thus reaches every broker alike).
     */
    static BrokerProcesses start(int count, RedisServer redis, String gotrueUrl, Map<String, String> properties) {
        return start(redis, gotrueUrl, properties, java.util.Collections.nCopies(count, Map.of()));
    }

    /** Like {@link #start(int, RedisServer, String, Map)}: one broker per entry of {@code own}, with its properties. */
    static BrokerProcesses start(RedisServer redis, String gotrueUrl, Map<String, String> properties,
                                 List<Map<String, String>> own) {
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("redis.uri", redis.uri());
        shared.put("broker.gotrue.url", gotrueUrl);
        shared.put("broker.gotrue.flavor", "netlify");
        shared.put("broker.gotrue.jwt-secret", TestSecrets.GOTRUE_JWT_SECRET);
        shared.put("broker.signing.jwks", TestKeys.jwks(TestKeys.ec("shared-signing")));
        shared.put("broker.issuer", ISSUER);
        shared.put("broker.rate-limit.enabled", "false");
        shared.put("broker.cleanup.initial-backoff", "20ms");
        shared.put("broker.cleanup.max-backoff", "200ms");
        shared.putAll(properties);

        BrokerProcesses processes;
        try {
            Path root = Path.of("target", "broker-processes");
            Files.createDirectories(root);
            processes = new BrokerProcesses(Files.createTempDirectory(root, "run-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Set<Integer> taken = new HashSet<>();
            for (int index = 0; index < own.size(); index++) {
                Map<String, String> each = new LinkedHashMap<>(shared);
                each.putAll(own.get(index));
                processes.brokers.add(processes.launch(index, each, freePort(taken), freePort(taken)));
            }
            for (Broker broker : processes.brokers) {
                processes.awaitReady(broker);
            }
            return processes;
        } catch (RuntimeException | Error failedStart) {
            try {
                processes.close();
            } catch (RuntimeException | Error alsoFailed) {
                failedStart.addSuppressed(alsoFailed);
            }
            throw failedStart;
        }
    }

    /**
     * {@code values} as the text a properties file gives: lists comma-separated, everything else its string. For the
     * {@code Map<String, Object>} overrides of the in-JVM tests (TestBackendClients, SharedBrokers.onlyRateLimits).
     */
    static Map<String, String> asText(Map<String, ?> values) {
        Map<String, String> text = new LinkedHashMap<>();
        values.forEach((name, value) -> text.put(name, value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value)));
        return text;
    }

    private Broker launch(int index, Map<String, String> shared, int port, int managementPort) {
        Path log = directory.resolve("broker-" + index + ".log").toAbsolutePath();
        Path configuration = directory.resolve("broker-" + index + ".properties").toAbsolutePath();
        try {
            Map<String, String> properties = new LinkedHashMap<>(shared);
            String jvmOptions = properties.remove(JVM_OPTIONS);
            writePrivately(configuration, properties);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m", "-XX:+UseSerialGC"));
            if (jvmOptions != null && !jvmOptions.isBlank()) {
                command.addAll(List.of(jvmOptions.trim().split("\\s+")));
            }
            command.addAll(List.of("-Dmicronaut.config.files=" + configuration,
                    "-Dmicronaut.server.port=" + port, "-Dendpoints.all.port=" + managementPort,
                    "-cp", System.getProperty("java.class.path"), Application.class.getName()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Broker(index, process, port, managementPort, log, configuration);
        } catch (IOException e) {
            throw new UncheckedIOException("broker " + index + " could not be started", e);
        }
    }

    private static void writePrivately(Path file, Map<String, String> values) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            properties.store(writer, null);
        }
    }

    private void awaitReady(Broker broker) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!answersHealthy(broker)) {
            if (!broker.process().isAlive()) {
                throw new AssertionError("broker " + broker.index() + " exited with " + broker.process().exitValue()
                        + " before it was ready; the end of " + broker.log() + ":\n" + logTail(broker.index()));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("broker " + broker.index() + " did not answer GET /health with 200 within "
                        + READY_WITHIN + "; the end of " + broker.log() + ":\n" + logTail(broker.index()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static boolean answersHealthy(Broker broker) {
        try {
            return BrokerHarness.send(HttpRequest.newBuilder(URI.create(broker.baseUrl() + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build()).statusCode() == 200;
        } catch (RuntimeException notYetListening) {
            return false;
        }
    }

    /**
     * A port in 20000-32767, below Linux's ephemeral range: a port picked free there cannot be taken by a client
     * socket before the broker binds it (see application-test.yml).
     */
    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32768);
            if (taken.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                taken.add(port);
                return socket.getLocalPort();
            } catch (IOException inUse) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 20000-32767");
    }

    int count() {
        return brokers.size();
    }

    /** The public root URL of broker {@code i}, without a trailing slash. */
    String baseUrl(int i) {
        return brokers.get(i).baseUrl();
    }

    /** The root URL of broker {@code i}'s management port ({@code endpoints.all.port}), without a trailing slash. */
    String managementUrl(int i) {
        return "http://127.0.0.1:" + brokers.get(i).managementPort();
    }

    boolean isAlive(int i) {
        return brokers.get(i).process().isAlive();
    }

    /** Broker {@code i}'s combined stdout and stderr. */
    Path log(int i) {
        return brokers.get(i).log();
    }

    /** The last lines of broker {@code i}'s log, for failure messages. */
    String logTail(int i) {
        try {
            List<String> lines = Files.readAllLines(brokers.get(i).log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills broker {@code i} with SIGKILL (nothing runs at its shutdown) and waits until it is gone. */
    void kill(int i) {
        Process process = brokers.get(i).process();
        process.destroyForcibly();
        awaitExit(i, process);
    }

    HttpResponse<String> get(int i, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(i) + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return BrokerHarness.send(request.build());
    }

    HttpResponse<String> post(int i, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl(i) + path))
                .timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return BrokerHarness.send(request.build());
    }

    HttpResponse<String> getManagement(int i, String path) {
        return BrokerHarness.send(HttpRequest.newBuilder(URI.create(managementUrl(i) + path))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    private void awaitExit(int i, Process process) {
        try {
            if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("broker " + i + " did not exit within " + STOP_WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Closes the brokers, then their GoTrue emulator, then their Redis; any may be null (a start that failed). */
    static void closeAll(BrokerProcesses brokers, GoTrueEmulator gotrue, RedisServer redis) {
        try {
            if (brokers != null) {
                brokers.close();
            }
        } finally {
            try {
                if (gotrue != null) {
                    gotrue.close();
                }
            } finally {
                if (redis != null) {
                    redis.close();
                }
            }
        }
    }

    /**
     * Stops every broker still alive gracefully (SIGTERM, all at once, then waits for each; one that does not exit
     * in time is killed) and deletes their configuration files; the logs stay.
     */
    @Override
    public void close() {
        brokers.stream().map(Broker::process).filter(Process::isAlive).forEach(Process::destroy);
        AssertionError stuck = null;
        for (Broker broker : brokers) {
            try {
                if (broker.process().isAlive()) {
                    awaitExit(broker.index(), broker.process());
                }
            } catch (AssertionError e) {
                broker.process().destroyForcibly();
                broker.process().onExit().join();
                stuck = stuck == null ? e : stuck;
            }
        }
        for (Broker broker : brokers) {
            try {
                Files.deleteIfExists(broker.configuration());
            } catch (IOException ignored) {
                // a file of a finished run under target/, which mvn clean removes
            }
        }
        if (stuck != null) {
            throw stuck;
        }
    }
}
