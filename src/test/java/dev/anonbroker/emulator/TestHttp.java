package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** A small HTTP client for emulator tests, plus tokens signed like GoTrue's. */
final class TestHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String SECRET = "testsecret";
    static final String OPERATOR = "operator-token-for-tests";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    TestHttp(GoTrueEmulator emulator) {
        this.baseUrl = emulator.baseUrl();
    }

    static EmulatorOptions options(EmulatorFlavor flavor) {
        return EmulatorOptions.defaults(flavor, SECRET).withBcryptCost(4).withOperatorToken(OPERATOR);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(20));
    }

    Response send(HttpRequest.Builder builder) {
        try {
            return new Response(CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> sendRaw(HttpRequest.Builder builder) throws IOException, InterruptedException {
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    Response get(String path, String... headers) {
        return send(withHeaders(request(path).GET(), headers));
    }

    Response postJson(String path, String json, String... headers) {
        return send(withHeaders(request(path).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers));
    }

    Response postForm(String path, String form, String... headers) {
        return send(withHeaders(request(path).POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded"), headers));
    }

    Response delete(String path, String... headers) {
        return send(withHeaders(request(path).DELETE(), headers));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** An HS256 token with the given claims, signed with {@link #SECRET}. */
    static String jwt(ObjectNode claims) {
        return new JwtCodec(SECRET, Clock.systemUTC())
                .sign(MAPPER.createObjectNode().put("alg", "HS256").put("typ", "JWT"), claims);
    }

    static String serviceRole() {
        return jwt(MAPPER.createObjectNode().put("role", "service_role")
                .put("exp", Clock.systemUTC().instant().getEpochSecond() + 600));
    }

    static String systemUser() {
        return jwt(MAPPER.createObjectNode().put("sub", "0")
                .put("exp", Clock.systemUTC().instant().getEpochSecond() + 600));
    }

    static JsonNode payload(String jwt) {
        try {
            return MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode header(String jwt) {
        try {
            return MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(String... pairs) {
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            builder.append(builder.length() == 0 ? "" : "&")
                    .append(java.net.URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return builder.toString();
    }

    /** A response with its body parsed as JSON when it is JSON. */
    record Response(HttpResponse<String> raw) {
        int status() {
            return raw.statusCode();
        }

        JsonNode json() {
            try {
                return MAPPER.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }
    }
}
