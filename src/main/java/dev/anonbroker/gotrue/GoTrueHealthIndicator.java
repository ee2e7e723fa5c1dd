package dev.anonbroker.gotrue;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Adds GoTrue's reachability to {@code GET /health}: the broker cannot mint sessions without it.
 * Details name the flavor, the mode and the state of each circuit breaker ({@code closed}, {@code open},
 * {@code half_open}), never the URL's credentials or any secret. Served on the management port only.
 */
@Singleton
final class GoTrueHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final GoTrueClient client;
    private final GoTrueConfiguration configuration;
    private final GoTrueCircuit circuit;

    GoTrueHealthIndicator(GoTrueClient client, GoTrueConfiguration configuration, GoTrueCircuit circuit) {
        this.client = client;
        this.configuration = configuration;
        this.circuit = circuit;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean reachable = client.isReachable();
        healthStatus = reachable ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reachable", reachable);
        details.put("flavor", configuration.flavor().settingValue());
        details.put("mode", configuration.mode().settingValue());
        Map<String, Object> circuits = new LinkedHashMap<>();
        for (GoTruePurpose purpose : GoTruePurpose.values()) {
            circuits.put(purpose.name().toLowerCase(Locale.ROOT), circuit.state(purpose));
        }
        details.put("circuit", circuits);
        return details;
    }

    @Override
    protected String getName() {
        return "gotrue";
    }
}
