package dev.anonbroker.bench.perf;

import dev.anonbroker.support.Ports;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Debian's {@code redis-server} as a {@link ServiceProcess} on a free loopback port, without persistence
 * ({@code --save "" --appendonly no}), for the scale-out scenario; ready once it answers {@code PING}. Its
 * {@code INFO} sections are read over a plain socket (RESP), so no client library stands between the figures and
 * Redis.
 */
final class RedisProcess implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(10);
    /** Commands the benchmark itself sends, left out of the broker's calls. */
    private static final List<String> OWN_COMMANDS = List.of("info", "ping", "dbsize", "echo", "monitor");

    private final int port;
    private final ServiceProcess process;

    private RedisProcess(int port, ServiceProcess process) {
        this.port = port;
        this.process = process;
    }

    static RedisProcess start(BenchOptions options) throws IOException {
        int port = Ports.freePort();
        Path directory = options.work().resolve("redis");
        Files.createDirectories(directory);
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toAbsolutePath().toString(),
                "--maxmemory-policy", "noeviction");
        ServiceProcess process;
        try {
            process = ServiceProcess.start("redis", command, Map.of(), options.logs().resolve("redis.log"));
        } catch (IOException e) {
            throw new IOException("redis-server could not be started: apt-get install redis-server", e);
        }
        RedisProcess redis = new RedisProcess(port, process);
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            try {
                if ("PONG".equals(redis.command("PING"))) {
                    return redis;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                redis.close();
                throw new IOException("redis-server on port " + port + " did not answer PING; see its log under "
                        + options.logs());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** {@code redis.uri} for the brokers. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Calls so far per command, from {@code INFO commandstats} ({@code cmdstat_set:calls=12,...}), without the
     * benchmark's own {@code INFO} and {@code PING}. Redis counts the commands a Lua script runs as calls of their
     * own, besides the {@code EVALSHA} that ran the script.
     */
    Map<String, Long> commandCalls() throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : command("INFO", "commandstats").split("\r\n")) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            if (OWN_COMMANDS.contains(name)) {
                continue;
            }
            for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                if (field.startsWith("calls=")) {
                    calls.put(name.toUpperCase(Locale.ROOT), Long.parseLong(field.substring(6)));
                }
            }
        }
        return calls;
    }

    /** Redis's CPU time so far, user plus system, in seconds ({@code INFO cpu}). */
    double cpuSeconds() throws IOException {
        double seconds = 0;
        for (String line : command("INFO", "cpu").split("\r\n")) {
            if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return seconds;
    }

    /** Counts the commands Redis runs from now until {@link RedisMonitor#stop}. */
    RedisMonitor monitor() throws IOException {
        return RedisMonitor.start(this, port);
    }

    /** Keys in database 0 ({@code DBSIZE}). */
    long keys() throws IOException {
        return Long.parseLong(command("DBSIZE"));
    }

    /** One command as a RESP array of bulk strings; the reply as text (simple string, integer or bulk string). */
    String command(String... words) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(word).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String first = line(in);
            return switch (first.charAt(0)) {
                case '+', ':' -> first.substring(1);
                case '$' -> new String(in.readNBytes(Integer.parseInt(first.substring(1))), StandardCharsets.UTF_8);
                default -> throw new IOException("redis answered " + first);
            };
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c == -1) {
                throw new IOException("redis closed the connection");
            }
            bytes.write(c);
        }
        in.read();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.close();
    }
}
