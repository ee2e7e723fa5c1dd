package dev.anonbroker.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;

/**
 * {@code GET/PUT/DELETE /_emulator/faults}: fault rules steered over HTTP, so a test can drive an emulator running
 * in another process. Not GoTrue: never subject to faults, and its errors use a plain {@code {"error"}} body.
 * PUT takes {@code {"route","latency_ms","drop_share","rate_limit_share","server_error_share","retry_after_s"}};
 * DELETE clears one route ({@code ?route=}) or all.
 */
final class FaultControl {

    static final String PATH = "/_emulator/faults";

    private final FaultInjector faults;

    FaultControl(FaultInjector faults) {
        this.faults = faults;
    }

    Reply handle(Call call) {
        if (!PATH.equals(call.path)) {
            return problem(404, "no such emulator endpoint");
        }
        return switch (call.method) {
            case "GET" -> list();
            case "PUT", "POST" -> put(call);
            case "DELETE" -> delete(call);
            default -> problem(405, "method not allowed");
        };
    }

    private Reply put(Call call) {
        try {
            ObjectNode body = Json.parseObject(call.body, false);
            String route = Json.text(body, "route");
            faults.set(route.isEmpty() ? FaultInjector.ALL : route, rule(body));
            return list();
        } catch (Json.BadJson | IllegalArgumentException e) {
            return problem(400, e.getMessage());
        }
    }

    private Reply delete(Call call) {
        String route = call.queryParam("route");
        if (route.isEmpty()) {
            faults.clear();
        } else {
            faults.set(route, FaultRule.NONE);
        }
        return list();
    }

    private Reply list() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Map.Entry<String, FaultRule> entry : faults.snapshot().entrySet()) {
            FaultRule rule = entry.getValue();
            ObjectNode node = array.addObject().put("route", entry.getKey())
                    .put("latency_ms", rule.latency() == null ? 0 : rule.latency().toMillis())
                    .put("drop_share", rule.dropShare()).put("rate_limit_share", rule.rateLimitShare())
                    .put("server_error_share", rule.serverErrorShare());
            if (rule.retryAfter() != null) {
                node.put("retry_after_s", rule.retryAfter().toSeconds());
            }
        }
        ObjectNode body = Json.object();
        body.set("faults", array);
        return Reply.ok(body);
    }

    static FaultRule rule(JsonNode body) {
        JsonNode retry = body.get("retry_after_s");
        return new FaultRule(Duration.ofMillis(nonNegative(body, "latency_ms")), share(body, "drop_share"),
                share(body, "rate_limit_share"), share(body, "server_error_share"),
                retry == null || retry.isNull() ? null : Duration.ofSeconds(nonNegative(body, "retry_after_s")));
    }

    private static long nonNegative(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(field + " must be a number >= 0");
        }
        return value.asLong();
    }

    private static double share(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new IllegalArgumentException(field + " must be a number between 0 and 1");
        }
        return value.asDouble();
    }

    private static Reply problem(int status, String message) {
        return Reply.json(status, Json.object().put("error", message));
    }
}
