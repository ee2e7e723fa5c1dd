package dev.anonbroker.gate.captcha;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Asks the provider's siteverify API about one token, on the caller's thread (the session endpoints run on the
 * blocking executor). Posts {@code secret}, {@code response} and {@code remoteip} as a form, plus for Turnstile a fresh
 * {@code idempotency_key}. Anything but a readable answer is a 503 {@code captcha-unavailable}: the gate fails closed.
 *
 * <p>A Turnstile call that got a 5xx, or whose connection failed before an answer, is retried once with the same
 * idempotency key, so that Cloudflare answers the retry as it answered the first attempt instead of finding the token
 * spent. A timeout is not retried: the visitor has already waited {@code broker.captcha.timeout}. hCaptcha has no
 * idempotency key, so a retry might find a token the first attempt spent; it is never retried. Logs the outcome only,
 * never the secret, the token or a body.
 */
@Singleton
final class Siteverify {

    static final long RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Siteverify.class);

    private final HttpClient client;
    private final CaptchaConfiguration configuration;
    private final JsonMapper jsonMapper;

    Siteverify(@Named(SiteverifyHttpClientFactory.NAME) HttpClient client, CaptchaConfiguration configuration,
               JsonMapper jsonMapper) {
        this.client = client;
        this.configuration = configuration;
        this.jsonMapper = jsonMapper;
    }

    /** One attempt's outcome: an answer, or why there is none and whether another attempt may help. */
    private record Attempt(Optional<SiteverifyResponse> answer, String failure, boolean retryable, Throwable cause) {

        static Attempt answered(SiteverifyResponse answer) {
            return new Attempt(Optional.of(answer), null, false, null);
        }

        static Attempt failed(String failure, boolean retryable, Throwable cause) {
            return new Attempt(Optional.empty(), failure, retryable, cause);
        }
    }

    /**
     * @throws ProblemException 503 {@code captcha-unavailable} when the provider gave no readable answer
     */
    SiteverifyResponse verify(String token, String remoteIp) {
        Map<String, String> form = form(token, remoteIp);
        Attempt first = attempt(form);
        Attempt last = first;
        if (first.answer().isEmpty() && first.retryable() && configuration.provider().idempotent()) {
            LOG.warn("Captcha provider {} failed ({}); retrying once with the same idempotency key",
                    providerName(), first.failure());
            last = attempt(form);
        }
        Attempt outcome = last;
        return outcome.answer().orElseThrow(() -> unavailable(outcome));
    }

    private Map<String, String> form(String token, String remoteIp) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("secret", configuration.secret());
        form.put("response", token);
        form.put("remoteip", remoteIp);
        if (configuration.provider().idempotent()) {
            form.put("idempotency_key", UUID.randomUUID().toString());
        }
        return form;
    }

    private Attempt attempt(Map<String, String> form) {
        HttpRequest<Map<String, String>> request = HttpRequest.POST(configuration.verifyUri(), form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).accept(MediaType.APPLICATION_JSON_TYPE);
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            if (response.code() / 100 != 2) {
                return Attempt.failed("status " + response.code(), false, null);
            }
            return read(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            if (e.code() >= 500) {
                return Attempt.failed("status " + e.code(), true, e);
            }
            return read(e.code(), e.getResponse().getBody(String.class).orElse(""));
        } catch (HttpClientException e) {
            return isTimeout(e) ? Attempt.failed("no answer within " + configuration.timeout(), false, e)
                    : Attempt.failed("connection failed: " + e.getClass().getSimpleName(), true, e);
        }
    }

    /** A body that is a siteverify answer, whatever the status (hCaptcha may answer a refusal with a 4xx). */
    private Attempt read(int status, String body) {
        try {
            Optional<SiteverifyResponse> answer = SiteverifyResponse.from(jsonMapper.readValue(body, JsonNode.class));
            return answer.map(Attempt::answered)
                    .orElseGet(() -> Attempt.failed("status " + status + " without a siteverify answer", false, null));
        } catch (IOException | RuntimeException e) {
            return Attempt.failed("status " + status + " with a body that is not JSON", false, null);
        }
    }

    private ProblemException unavailable(Attempt attempt) {
        LOG.warn("Captcha provider {} unavailable: {}; mint refused with 503", providerName(), attempt.failure());
        return ProblemException.retryLater(ProblemType.CAPTCHA_UNAVAILABLE,
                "The captcha could not be checked because the captcha provider did not answer in time or failed. "
                        + "Try again shortly with a new captcha_token (render the widget again).", RETRY_AFTER_SECONDS, attempt.cause());
    }

    private String providerName() {
        return configuration.provider().name().toLowerCase(Locale.ROOT);
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadTimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
