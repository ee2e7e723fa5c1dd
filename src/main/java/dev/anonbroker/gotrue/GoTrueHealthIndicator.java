package dev.anonbroker.gotrue;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds GoTrue's reachability to {@code GET /health}: the broker cannot mint sessions without it.
 * Details name the flavor and mode, never the URL's credentials or any secret.
 */
@Singleton
final class GoTrueHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final GoTrueClient client;
    private final GoTrueConfiguration configuration;

    GoTrueHealthIndicator(GoTrueClient client, GoTrueConfiguration configuration) {
        this.client = client;
        this.configuration = configuration;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        boolean reachable = client.isReachable();
        healthStatus = reachable ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reachable", reachable);
        details.put("flavor", configuration.flavor().settingValue());
        details.put("mode", configuration.mode().settingValue());
        return details;
    }

    @Override
    protected String getName() {
        return "gotrue";
    }
}
