package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One request to GoTrue, built fluently and sent with the JDK client, independent of the broker's own GoTrue adapter.
 * HTTP/1.1 only: GoTrue speaks nothing else on plain HTTP, and an h2c upgrade header would be noise.
 */
final class GoTrueRequest {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpRequest.BodyPublisher body;
    private String bodyText;

    GoTrueRequest(String baseUrl, String method, String pathAndQuery) {
        this.method = method;
        this.url = baseUrl + pathAndQuery;
    }

    GoTrueRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    GoTrueRequest withoutHeader(String name) {
        headers.remove(name);
        return this;
    }

    GoTrueRequest bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** A JSON body; GoTrue does not look at Content-Type, but clients send it. */
    GoTrueRequest json(Object value) {
        try {
            return rawBody("application/json", JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An {@code application/x-www-form-urlencoded} body, keys in the given order. */
    GoTrueRequest form(Map<String, String> fields) {
        String encoded = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return rawBody("application/x-www-form-urlencoded", encoded);
    }

    /** An empty body with {@code Content-Length: 0}. */
    GoTrueRequest emptyBody() {
        return rawBody("application/json", "");
    }

    GoTrueRequest rawBody(String contentType, String text) {
        header("Content-Type", contentType);
        this.body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
        this.bodyText = text;
        return this;
    }

    GoTrueReply send() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.method(method, body);
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new GoTrueReply(describe(), response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(describe() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(describe() + " interrupted", e);
        }
    }

    private String describe() {
        return method + " " + url.replaceFirst("^https?://[^/]+", "") + (bodyText == null ? "" : " " + bodyText);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
