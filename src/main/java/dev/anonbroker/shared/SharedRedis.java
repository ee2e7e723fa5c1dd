package dev.anonbroker.shared;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The broker's one connection to the Redis of {@code redis.uri}, opened at first use, and what happens when Redis
 * fails. Every command is bounded by {@code broker.redis.timeout}. While the connection is down, commands are
 * rejected at once rather than queued: a queued {@code SET NX} would otherwise run after the request it served was
 * refused. Lettuce reconnects on its own; a first connection that failed is tried again by the next command.
 * An outage is logged when it starts and when it ends, not per request.
 */
@Singleton
@Requires(property = SharedStateConfiguration.REDIS_URI)
public final class SharedRedis {

    private static final String SINGLE_USE_REFUSAL = "The broker cannot reach its shared state store to check that "
            + "what this request presents is used only once; try again shortly.";

    private static final Logger LOG = LoggerFactory.getLogger(SharedRedis.class);

    private final RedisClient client;
    private final SharedStateConfiguration configuration;
    private final MeterRegistry registry;
    private final AtomicBoolean answering = new AtomicBoolean(true);
    private final OpenedOnce<StatefulRedisConnection<String, String>> connection;

    SharedRedis(RedisClient client, SharedStateConfiguration configuration, MeterRegistry registry) {
        this.client = client;
        this.configuration = configuration;
        this.registry = registry;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(configuration.timeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(configuration.timeout()))
                .build());
        this.connection = new OpenedOnce<>(() -> {
            StatefulRedisConnection<String, String> open = client.connect();
            open.setTimeout(configuration.timeout());
            return open;
        }, configuration.timeout());
    }

    /**
     * Opens the connection before the server takes requests: a fresh JVM can take longer than {@code
     * broker.redis.timeout} to load Lettuce and connect, and requests waiting for that would be refused. A Redis that
     * is down now only makes the first requests that need it refused; the broker starts anyway.
     */
    @EventListener
    void openAtStartup(StartupEvent started) {
        try {
            connection.get();
        } catch (RuntimeException failure) {
            failed("connection", failure);
        }
    }

    public String keyPrefix() {
        return configuration.keyPrefix();
    }

    /**
     * Runs {@code command}; any failure (Redis down, timeout, an error reply) refuses the request with 503
     * {@code shared-state-unavailable} and counts in {@code broker_redis_failures_total{structure}}.
     */
    <T> T call(String structure, Function<RedisCommands<String, String>, T> command) {
        return call(structure, SINGLE_USE_REFUSAL, command);
    }

    /**
     * Like {@link #call(String, String, Function)}, without blocking the caller (the event loop): the command is sent
     * on the open connection (opened off the caller's thread if it is not yet), and the stage completes when Redis
     * answers, or exceptionally with the same 503 within the timeout.
     */
    public <T> CompletionStage<T> callAsync(String structure, String refusal,
                                            Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        StatefulRedisConnection<String, String> open = connection.ifOpened();
        CompletionStage<StatefulRedisConnection<String, String>> opened = open != null
                ? CompletableFuture.completedFuture(open) : CompletableFuture.supplyAsync(connection::get);
        return opened.thenCompose(ready -> command.apply(ready.async()))
                .handle((result, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw refused(structure, refusal, cause instanceof RuntimeException runtime ? runtime
                                : new RedisException(cause));
                    }
                    answered();
                    return result;
                });
    }

    /** Like {@link #call(String, Function)}, with {@code refusal} as the 503's detail. */
    public <T> T call(String structure, String refusal, Function<RedisCommands<String, String>, T> command) {
        T result;
        try {
            result = command.apply(commands());
        } catch (RuntimeException failure) {
            throw refused(structure, refusal, failure);
        }
        answered();
        return result;
    }

    /** Counts and logs {@code failure}; the 503 that refuses the request. */
    private ProblemException refused(String structure, String refusal, RuntimeException failure) {
        failed(structure, failure);
        return ProblemException.retryLater(ProblemType.SHARED_STATE_UNAVAILABLE, refusal,
                configuration.retryAfter().toSeconds(), failure);
    }

    private void answered() {
        if (answering.compareAndSet(false, true)) {
            LOG.info("Redis answers again; requests that need shared state are served again");
        }
    }

    /**
     * Whether Redis answers {@code PING} within the timeout now: for health checks, so neither counted nor logged as
     * a failure of the shared state.
     */
    public boolean answersPing() {
        try {
            return "PONG".equals(commands().ping());
        } catch (RuntimeException failure) {
            return false;
        }
    }

    /**
     * Refuses the request (503, as {@link #call}) at once when the connection to Redis is down, sending nothing: for
     * a request that would otherwise do costly work, such as creating a GoTrue user, before its first Redis command.
     * A Redis that is connected but hangs is found out only by that command.
     */
    public void ensureConnected(String structure, String refusal) {
        call(structure, refusal, commands -> {
            if (!connection.get().isOpen()) {
                throw new RedisConnectionException("the connection to Redis is down");
            }
            return Boolean.TRUE;
        });
    }

    /** Like {@link #call}, but a failure is only counted and logged: for clean-ups whose failure refuses nothing. */
    void callQuietly(String structure, Function<RedisCommands<String, String>, ?> command) {
        try {
            call(structure, command);
        } catch (ProblemException ignored) {
            // counted and logged by call
        }
    }

    private void failed(String structure, RuntimeException failure) {
        registry.counter("broker.redis.failures", "structure", structure).increment();
        if (answering.compareAndSet(true, false)) {
            LOG.warn("Redis does not answer ({}); requests that need shared state are refused with 503 "
                    + "shared-state-unavailable until it does", RedisFailures.describe(failure));
        }
    }

    private RedisCommands<String, String> commands() {
        return connection.get().sync();
    }

    @PreDestroy
    void close() {
        StatefulRedisConnection<String, String> open = connection.ifOpened();
        if (open != null) {
            open.close();
        }
    }
}
