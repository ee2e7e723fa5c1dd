package dev.anonbroker.support;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Requests a backend makes to {@code /introspect} and {@code /revoke}: form bodies and HTTP Basic credentials. */
public final class BackendCalls {

    public static final String FORM = "application/x-www-form-urlencoded";

    private BackendCalls() {
    }

    public static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static String form(String token) {
        return "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public static HttpResponse<String> introspect(BrokerHarness broker, String authorization, String token) {
        return broker.post("/introspect", form(token), "Content-Type", FORM, "Authorization", authorization);
    }

    public static HttpResponse<String> revoke(BrokerHarness broker, String authorization, String token) {
        return broker.post("/revoke", form(token), "Content-Type", FORM, "Authorization", authorization);
    }
}
