package dev.anonbroker.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A GoTrue-compatible server (netlify/gotrue or supabase/auth, as chosen), in memory, on 127.0.0.1. Faithful to
 * src/main/docs/guide/gotrue-compatibility.md: same paths, status codes, error bodies, tokens, admin checks and limits.
 * Runs on the JDK's {@link HttpServer} with a bounded pool of worker threads (bcrypt is slow).
 */
public final class GoTrueEmulator implements AutoCloseable {

    private static final int WORKERS = 48;
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the client's
        // delayed ACK add about 40 ms to every answer. The JDK reads this once, when its first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
    }
    private static final int BACKLOG = 512;

    private final EmulatorOptions options;
    private final EmulatorContext context;
    private final FaultInjector faults;
    private final HttpServer server;
    private final ExecutorService executor;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private GoTrueEmulator(EmulatorOptions options, HttpServer server, ExecutorService executor,
                           EmulatorContext context, FaultInjector faults) {
        this.options = options;
        this.server = server;
        this.executor = executor;
        this.context = context;
        this.faults = faults;
    }

    /** Starts an emulator; it serves until {@link #close()}. */
    public static GoTrueEmulator start(EmulatorOptions options) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(options.flavor(), "options.flavor");
        Objects.requireNonNull(options.jwtSecret(), "options.jwtSecret");
        EmulatorContext context = EmulatorContext.create(options, Clock.systemUTC());
        FaultInjector faults = new FaultInjector(context.errors());
        ExecutorService executor = workers();
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), BACKLOG);
            server.createContext("/", new HttpFront(new Router(context), faults, context.errors()));
            server.setExecutor(executor);
            server.start();
            return new GoTrueEmulator(options, server, executor, context, faults);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
    }

    private static ExecutorService workers() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "gotrue-emulator-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** e.g. {@code http://127.0.0.1:45123}, no trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public EmulatorOptions options() {
        return options;
    }

    /**
     * Sets the fault rule for requests whose {@code "METHOD /path"} starts with {@code routePrefix}
     * (e.g. {@code "POST /token"}, {@code "DELETE /admin/users"}, or {@code "*"} for all). Replaces an earlier rule
     * for the same prefix; {@link FaultRule#NONE} removes it. The longest matching prefix wins.
     */
    public void setFault(String routePrefix, FaultRule rule) {
        faults.set(routePrefix, rule);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** A snapshot of every stored user, all audiences, oldest first, for test assertions. */
    public List<EmulatedUser> users() {
        return context.users().all().stream().map(StoredUser::view).toList();
    }

    /** Stops listening, closes open connections and stops the worker threads. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
