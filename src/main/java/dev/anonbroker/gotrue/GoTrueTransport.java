package dev.anonbroker.gotrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends one request to GoTrue on the caller's thread and turns every failure into a {@link GoTrueException}:
 * 429 is {@code RATE_LIMITED} (with {@code Retry-After}, seconds or HTTP date), other 4xx {@code REJECTED},
 * 5xx and 3xx (redirects are never followed) {@code SERVER_ERROR}, no answer in time or past the request deadline
 * ({@link GoTrueDeadline}) {@code TIMEOUT}, refused or dropped connections {@code UNREACHABLE}, and refused by the
 * circuit breaker ({@link GoTrueCircuit}) {@code CIRCUIT_OPEN}.
 *
 * <p>Adds the headers every call carries: {@code Accept}, {@code X-JWT-AUD} when an audience is configured, and
 * supabase's gateway {@code apikey} when configured. Logs operation, status and duration only: never headers or
 * bodies, which carry passwords and tokens; GoTrue's body never reaches an exception message either. Every call is
 * timed as {@code broker.gotrue.calls} by operation and outcome.
 */
@Singleton
final class GoTrueTransport {

    private static final Logger LOG = LoggerFactory.getLogger(GoTrueTransport.class);
    private static final Argument<String> TEXT = Argument.STRING;

    private final Map<GoTruePurpose, HttpClient> clients;
    private final GoTrueConfiguration configuration;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final GoTrueDeadline deadline;
    private final GoTrueCircuit circuit;

    GoTrueTransport(@Named(GoTrueHttpClientFactory.NAME) HttpClient visitorClient,
                    @Named(GoTrueHttpClientFactory.CLEANUP_NAME) HttpClient cleanupClient,
                    GoTrueConfiguration configuration, JsonMapper jsonMapper, Clock clock, MeterRegistry meters,
                    GoTrueDeadline deadline, GoTrueCircuit circuit) {
        this.clients = new EnumMap<>(Map.of(GoTruePurpose.VISITOR, visitorClient, GoTruePurpose.CLEANUP, cleanupClient,
                GoTruePurpose.REFILL, visitorClient));
        this.configuration = configuration;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.meters = meters;
        this.deadline = deadline;
        this.circuit = circuit;
    }

    /** A successful answer: status and parsed JSON body (an empty object when GoTrue sent no body). */
    record Answer(int status, JsonNode body, HttpHeaders headers) {
    }

    /**
     * Sends {@code request} on the pool of the operation's {@link GoTruePurpose}, through the circuit breaker and
     * within this thread's request deadline, if one is open; answers 2xx, throws {@link GoTrueException} otherwise.
     */
    Answer send(String operation, MutableHttpRequest<?> request) {
        decorate(request);
        Duration timeout = timeLeft(operation);
        GoTruePurpose purpose = GoTruePurpose.of(operation);
        HttpClient client = clients.get(purpose);
        return circuit.call(operation, purpose, () -> exchange(operation, client, request, timeout));
    }

    /** The deadline's time left, or null when none is open; throws {@code TIMEOUT} once it is exceeded. */
    private Duration timeLeft(String operation) {
        Duration left = deadline.remaining().orElse(null);
        if (left != null && (left.isNegative() || left.isZero())) {
            record(operation, 0, outcome(GoTrueException.Kind.TIMEOUT), System.nanoTime());
            throw new GoTrueException(GoTrueException.Kind.TIMEOUT, operation, 0, "request_deadline", null, null);
        }
        return left;
    }

    private Answer exchange(String operation, HttpClient client, MutableHttpRequest<?> request, Duration timeout) {
        long started = System.nanoTime();
        try {
            Mono<HttpResponse<String>> answer = Mono.from(client.exchange(request, TEXT, TEXT));
            HttpResponse<String> response = timeout == null ? answer.block() : answer.block(timeout);
            if (response == null) {
                throw new HttpClientException("GoTrue sent no response");
            }
            if (response.code() >= 300) {
                // A redirect is never followed: it would take the credentials along. Location is never logged.
                record(operation, response.code(), outcome(GoTrueException.Kind.SERVER_ERROR), started);
                throw new GoTrueException(GoTrueException.Kind.SERVER_ERROR, operation, response.code(), "redirect",
                        null, null);
            }
            record(operation, response.code(), "ok", started);
            return new Answer(response.code(), parse(operation, response.code(), response.getBody().orElse("")),
                    response.getHeaders());
        } catch (HttpClientResponseException e) {
            GoTrueException refusal = refusal(operation, e.getResponse());
            record(operation, e.code(), outcome(refusal.kind()), started);
            throw refusal;
        } catch (GoTrueException e) {
            throw e;
        } catch (HttpClientException e) {
            GoTrueException.Kind kind = isTimeout(e) ? GoTrueException.Kind.TIMEOUT : GoTrueException.Kind.UNREACHABLE;
            record(operation, 0, outcome(kind), started);
            throw new GoTrueException(kind, operation, 0, null, null, e);
        } catch (RuntimeException e) {
            if (!isTimeout(e)) {
                throw e;
            }
            // Reactor's block(timeout): the request deadline ran out; the subscription, and the call, are cancelled
            record(operation, 0, outcome(GoTrueException.Kind.TIMEOUT), started);
            throw new GoTrueException(GoTrueException.Kind.TIMEOUT, operation, 0, "request_deadline", null, null);
        }
    }

    /** Serialises a request body to JSON bytes. */
    byte[] json(Object body) {
        try {
            return jsonMapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
    }

    private void decorate(MutableHttpRequest<?> request) {
        request.accept(MediaType.APPLICATION_JSON_TYPE);
        if (configuration.audience() != null && !configuration.audience().isBlank()) {
            request.header("X-JWT-AUD", configuration.audience());
        }
        if (configuration.flavor() == GoTrueFlavor.SUPABASE && configuration.apiKey() != null
                && !configuration.apiKey().isBlank()) {
            request.header("apikey", configuration.apiKey());
        }
    }

    private GoTrueException refusal(String operation, HttpResponse<?> response) {
        int status = response.code();
        String errorCode = response.getHeaders().get(GoTrueHeaders.ERROR_CODE);
        if (errorCode == null || errorCode.isEmpty()) {
            errorCode = GoTrueJson.errorCode(parseQuietly(response.getBody(String.class).orElse("")));
        }
        if (status == 429) {
            return new GoTrueException(GoTrueException.Kind.RATE_LIMITED, operation, status, errorCode,
                    GoTrueHeaders.retryAfter(response.getHeaders().get(HttpHeaders.RETRY_AFTER), clock.instant()), null);
        }
        GoTrueException.Kind kind = status >= 500 ? GoTrueException.Kind.SERVER_ERROR : GoTrueException.Kind.REJECTED;
        return new GoTrueException(kind, operation, status, errorCode, null, null);
    }

    private JsonNode parse(String operation, int status, String body) {
        if (body.isBlank()) {
            return JsonNode.createObjectNode(Map.of());
        }
        try {
            return jsonMapper.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new GoTrueException(GoTrueException.Kind.SERVER_ERROR, operation, status, "unreadable_body", null, null);
        }
    }

    private JsonNode parseQuietly(String body) {
        try {
            return body.isBlank() ? null : jsonMapper.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadTimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String outcome(GoTrueException.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private void record(String operation, int status, String outcome, long started) {
        long elapsed = System.nanoTime() - started;
        GoTrueTime.add(elapsed);
        Timer.builder("broker.gotrue.calls").description("Calls to GoTrue by operation and outcome")
                .tag("operation", operation).tag("outcome", outcome)
                .register(meters).record(elapsed, TimeUnit.NANOSECONDS);
        if (LOG.isDebugEnabled()) {
            LOG.debug("GoTrue {} answered {} in {} ms", operation, status == 0 ? "nothing" : status,
                    Duration.ofNanos(elapsed).toMillis());
        }
    }
}
