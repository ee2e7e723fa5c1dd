package dev.anonbroker.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operator endpoints (detailed health, {@code /prometheus}) answer on the management port only; the public port's
 * {@code GET /health} says UP or DOWN and nothing else, from a GoTrue check made at most once per interval.
 */
class ManagementPortTest {

    @Test
    void prometheusAndDetailedHealthAreOnTheManagementPortOnly() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            assertEquals(200, broker.post("/anon-session", null).statusCode());

            HttpResponse<String> publicPrometheus = broker.get("/prometheus");
            assertEquals(404, publicPrometheus.statusCode(), publicPrometheus.body());
            assertFalse(publicPrometheus.body().contains("broker_"), publicPrometheus.body());
            HttpResponse<String> publicHealth = broker.get("/health");
            assertEquals(200, publicHealth.statusCode(), publicHealth.body());
            assertEquals("{\"status\":\"UP\"}", publicHealth.body(), "no details on the public port");

            HttpResponse<String> prometheus = broker.getManagement("/prometheus");
            assertEquals(200, prometheus.statusCode(), prometheus.body());
            assertTrue(prometheus.body().contains("broker_sessions_issued_total"), "metrics on the management port");
            HttpResponse<String> health = broker.getManagement("/health");
            assertEquals(200, health.statusCode(), health.body());
            JsonNode details = BrokerHarness.json(health).get("details");
            assertEquals(true, details.at("/gotrue/details/reachable").asBoolean(), health.body());
            assertEquals("closed", details.at("/gotrue/details/circuit/visitor").asText(), health.body());
            assertEquals("closed", details.at("/gotrue/details/circuit/cleanup").asText(), health.body());

            HttpResponse<String> session = BrokerHarness.send(HttpRequest.newBuilder(broker.managementUri("/anon-session"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(404, session.statusCode(), "the public API is not on the management port: " + session.body());
        }
    }

    @Test
    void unusedManagementEndpointsAreOff() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            for (String path : List.of("/threaddump", "/env", "/beans", "/loggers", "/routes", "/info", "/metrics",
                    "/refresh", "/stop")) {
                int management = broker.getManagement(path).statusCode();
                int open = broker.get(path).statusCode();
                assertTrue(management == 404 || management == 405, path + " on the management port: " + management);
                assertTrue(open == 404 || open == 405, path + " on the public port: " + open);
            }
        }
    }

    @Test
    void manyPublicHealthHitsAskGoTrueAtMostOncePerInterval() throws IOException {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
             CountingProxy proxy = new CountingProxy(gotrue.baseUrl());
             BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                     Map.of("broker.gotrue.url", proxy.baseUrl()))) {
            int before = proxy.count("GET /health");
            List<CompletableFuture<HttpResponse<String>>> hits = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                hits.add(CompletableFuture.supplyAsync(() -> broker.get("/health")));
            }
            for (CompletableFuture<HttpResponse<String>> hit : hits) {
                assertEquals("{\"status\":\"UP\"}", hit.join().body());
            }
            int calls = proxy.count("GET /health") - before;
            assertTrue(calls >= 1 && calls <= 2, "GoTrue's /health asked " + calls + " times for 200 hits");
        }
    }

    @Test
    void publicHealthIsDownWhileGoTrueIsDown() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.health.gotrue-check-interval", "100ms"))) {
            assertEquals(200, broker.get("/health").statusCode());

            broker.emulator().close();
            Await.until("the public /health reports GoTrue down", Duration.ofSeconds(15),
                    () -> broker.get("/health").statusCode() == 503);
            HttpResponse<String> down = broker.get("/health");
            assertEquals(503, down.statusCode());
            assertEquals("{\"status\":\"DOWN\"}", down.body());
        }
    }
}
