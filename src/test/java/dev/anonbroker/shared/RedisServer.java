package dev.anonbroker.shared;

import dev.anonbroker.support.Ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence, in a temporary directory; ready
 * once it answers {@code PING}. It can be stopped and started again on the same port, to stage an outage. Debian's
 * {@code redis-server} must be installed ({@code .ci/run} does): without it, starting fails the test.
 */
final class RedisServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final int port;
    private final Path directory;
    private final String password;
    private final List<String> options;
    private Process process;

    private RedisServer(int port, Path directory, String password, List<String> options) {
        this.port = port;
        this.directory = directory;
        this.password = password;
        this.options = options;
    }

    static RedisServer start() {
        return start(null, List.of());
    }

    /**
     * A Redis that requires {@code password} and also listens with TLS on {@code tlsPort}, with the PEM certificate
     * and key given; {@link #send} authenticates on the plain port.
     */
    static RedisServer startWithTls(String password, int tlsPort, Path certificate, Path key) {
        return start(password, List.of("--requirepass", password, "--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", certificate.toString(), "--tls-auth-clients", "no"));
    }

    private static RedisServer start(String password, List<String> options) {
        try {
            RedisServer server = new RedisServer(Ports.freePort(), Files.createTempDirectory("anon-broker-redis"),
                    password, options);
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Starts the process (again) on the same port; returns once it answers PING. */
    void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server is running");
        }
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.toString(),
                "--maxmemory-policy", "noeviction"));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("redis-server could not be started; install it (apt-get install redis-server, "
                    + "as .ci/run does)", e);
        }
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!"+PONG".equals(ping())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("redis-server on port " + port + " did not answer PING; its log: "
                        + log());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Stops the process without ending it (SIGSTOP): Redis holds its connections and answers nothing, as a hung host. */
    void pause() {
        signal("STOP");
    }

    /** Lets a paused process go on (SIGCONT). */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " of redis-server failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the process and waits until it is gone. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("redis-server did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The raw first reply line of {@code command} (inline protocol), or null when nothing answers. */
    String send(String command) {
        return reply(command, false);
    }

    /**
     * The value of a bulk-string reply (the line after its {@code $<length>} header), or of an array's first element,
     * else the first reply line.
     */
    String sendForValue(String command) {
        return reply(command, true);
    }

    private String reply(String command, boolean bulkValue) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            String authenticated = password == null ? "" : "AUTH " + password + "\r\n";
            out.write((authenticated + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            if (password != null) {
                readLine(in);
            }
            String line = readLine(in);
            if (bulkValue && line.startsWith("*") && !line.equals("*0")) {
                line = readLine(in);
            }
            return bulkValue && line.startsWith("$") && !line.equals("$-1") ? readLine(in) : line;
        } catch (IOException e) {
            return null;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\r') {
            line.append((char) c);
        }
        if (c == '\r') {
            in.read();
        }
        return line.toString();
    }

    private String ping() {
        return send("PING");
    }

    private String log() {
        try {
            return Files.readString(directory.resolve("redis.log"));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}
