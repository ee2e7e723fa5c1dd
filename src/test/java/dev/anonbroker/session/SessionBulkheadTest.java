package dev.anonbroker.session;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At most {@code broker.session-requests.max-concurrent} session requests in flight; the next ones are refused at
 * once with 503 {@code broker-busy} and {@code Retry-After}, never queued behind a slow GoTrue.
 */
class SessionBulkheadTest {

    private static final Duration GOTRUE_LATENCY = Duration.ofSeconds(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void beyondMaxConcurrentRequestsAreRefusedAtOnce() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.session-requests.max-concurrent", 4, "broker.gotrue.read-timeout", "20s",
                        "broker.gotrue.request-deadline", "20s"))) {
            MeterRegistry meters = broker.context().getBean(MeterRegistry.class);
            broker.emulator().setFault("POST /signup", FaultRule.latency(GOTRUE_LATENCY));

            List<CompletableFuture<HttpResponse<String>>> admitted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                admitted.add(postAsync(broker, "/anon-session"));
            }
            Await.until("four requests in flight", Duration.ofSeconds(10),
                    () -> meters.get("broker.session.requests.in.flight").gauge().value() == 4);

            List<CompletableFuture<HttpResponse<String>>> refused = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                refused.add(postAsync(broker, i % 2 == 0 ? "/anon-session" : "/anon-session/exchange"));
            }
            for (CompletableFuture<HttpResponse<String>> future : refused) {
                HttpResponse<String> response = future.join();
                assertEquals(503, response.statusCode(), response.body());
                assertEquals("urn:anon-broker:problem:broker-busy", BrokerHarness.json(response).get("type").asText());
                assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(""), "Retry-After in seconds");
            }
            assertTrue(admitted.stream().noneMatch(CompletableFuture::isDone),
                    "all eight refusals came back while the four admitted requests still waited for GoTrue");
            assertEquals(8.0, meters.get("broker.session.requests.refused").counter().count());

            for (CompletableFuture<HttpResponse<String>> future : admitted) {
                assertEquals(200, future.join().statusCode());
            }
            Await.until("the permits are back", Duration.ofSeconds(5),
                    () -> meters.get("broker.session.requests.in.flight").gauge().value() == 0);
            broker.emulator().clearFaults();
            assertEquals(200, broker.post("/anon-session", null).statusCode(), "a free slot admits again");
            broker.awaitNoThrowawayUsers();
        }
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(BrokerHarness broker, String path) {
        HttpRequest request = HttpRequest.newBuilder(broker.uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
