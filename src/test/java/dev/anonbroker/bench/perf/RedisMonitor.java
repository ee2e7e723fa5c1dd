package dev.anonbroker.bench.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Redis's {@code MONITOR} stream while open, counting every command by who sent it: a client (one round trip from a
 * broker) or a Lua script ({@code [0 lua]} in the stream), which {@code INFO commandstats} does not tell apart.
 * {@link #stop} sends a marker {@code ECHO} on another connection and waits until the stream has shown it, so every
 * command sent before is counted. The benchmark's own commands are left out.
 */
final class RedisMonitor {

    private static final Duration MARKER_ARRIVES = Duration.ofSeconds(10);
    private static final List<String> OWN_COMMANDS = List.of("INFO", "PING", "DBSIZE", "ECHO", "MONITOR");

    /** Commands per name, from clients (round trips) and from inside Lua scripts. */
    record Counts(Map<String, Long> fromClients, Map<String, Long> fromScripts) {
    }

    private final RedisProcess redis;
    private final Socket socket;
    private final Map<String, LongAdder> fromClients = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> fromScripts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> markers = new ConcurrentHashMap<>();
    private final Thread reader;

    private RedisMonitor(RedisProcess redis, Socket socket, BufferedReader in) {
        this.redis = redis;
        this.socket = socket;
        this.reader = new Thread(() -> read(in), "bench-redis-monitor");
        reader.setDaemon(true);
    }

    /** Opens the stream; returns once Redis has answered {@code +OK}, so every later command is in it. */
    static RedisMonitor start(RedisProcess redis, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        OutputStream out = socket.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
        String first = in.readLine();
        if (!"+OK".equals(first)) {
            socket.close();
            throw new IOException("MONITOR answered " + first);
        }
        RedisMonitor monitor = new RedisMonitor(redis, socket, in);
        monitor.reader.start();
        return monitor;
    }

    /** Waits until every command sent so far has been counted, closes the stream and returns the counts. */
    Counts stop() throws IOException {
        String marker = "bench-marker-" + UUID.randomUUID();
        redis.command("ECHO", marker);
        long deadline = System.nanoTime() + MARKER_ARRIVES.toNanos();
        while (!markers.containsKey(marker)) {
            if (System.nanoTime() - deadline > 0) {
                socket.close();
                throw new IOException("the MONITOR stream did not show the marker within "
                        + MARKER_ARRIVES.toSeconds() + " s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        socket.close();
        return new Counts(sums(fromClients), sums(fromScripts));
    }

    /** Lines as {@code +1701596400.123456 [0 127.0.0.1:50000] "hset" "key" ...} or {@code [0 lua] ...}. */
    private void read(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                int open = line.indexOf('[');
                int close = line.indexOf(']', open);
                int quote = line.indexOf('"', close);
                if (open < 0 || close < 0 || quote < 0) {
                    continue;
                }
                int end = line.indexOf('"', quote + 1);
                String command = line.substring(quote + 1, end).toUpperCase(Locale.ROOT);
                if (command.equals("ECHO")) {
                    int argument = line.indexOf('"', end + 1);
                    if (argument > 0) {
                        markers.put(line.substring(argument + 1, line.indexOf('"', argument + 1)), true);
                    }
                }
                if (OWN_COMMANDS.contains(command)) {
                    continue;
                }
                boolean script = line.substring(open + 1, close).endsWith(" lua");
                (script ? fromScripts : fromClients).computeIfAbsent(command, name -> new LongAdder()).increment();
            }
        } catch (IOException closed) {
            // the stream ends when stop() closes the socket
        }
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> sums = new TreeMap<>();
        counts.forEach((command, count) -> sums.put(command, count.sum()));
        return sums;
    }
}
