package dev.anonbroker.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.FakeSiteverify;
import dev.anonbroker.support.NetlifySignatures;
import dev.anonbroker.support.TestSecrets;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * What each gate adds to {@code POST /anon-session}: one visitor at a time, against a broker with no gate, one with
 * each gate alone and one with all of them, taking turns (one mint each per round), in one process, against the emulator (bcrypt cost 4) and, for the
 * captcha, {@link FakeSiteverify} on loopback. Only the mint request is timed: the client's own work (fetching and
 * solving the challenge, Netlify's signing) happens before the clock starts. Prints p50, p90, p99 and the mean per
 * configuration and the p50 difference to "none"; asserts nothing. 200 unprinted rounds warm the JVM up. Arguments,
 * optional: sessions per configuration ({@code 300}).
 */
public final class GateBenchmark {

    private static final String HMAC_KEY = TestSecrets.random(32);
    private static final String NETLIFY_SECRET = TestSecrets.random(32);
    private static final int WARM_UP_ROUNDS = 200;

    private GateBenchmark() {
    }

    /** A mint request with what a configuration's gates want. */
    private record Request(String body, String[] headers) {
    }

    public static void main(String[] args) throws Exception {
        int sessions = Integer.parseInt(args.length > 0 ? args[0] : "300");
        // The tests' logback-test.xml logs every GoTrue call at DEBUG, which would be most of what is measured.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.anonbroker"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        try (FakeSiteverify siteverify = FakeSiteverify.start()) {
            Map<String, Map<String, Object>> configurations = configurations(siteverify);
            Map<String, Function<BrokerHarness, Request>> requests = requests(configurations.keySet());
            Map<String, BrokerHarness> brokers = new LinkedHashMap<>();
            try {
                configurations.forEach((name, gates) -> brokers.put(name, start(gates)));
                interleaved(brokers, requests, WARM_UP_ROUNDS);
                print(interleaved(brokers, requests, sessions));
            } finally {
                brokers.values().forEach(BrokerHarness::close);
            }
        }
    }

    /**
     * One mint per configuration per round, so that whatever drifts during the run (the JIT, the machine's other
     * load) falls on every configuration alike.
     */
    private static Map<String, List<Double>> interleaved(Map<String, BrokerHarness> brokers,
                                                         Map<String, Function<BrokerHarness, Request>> requests, int rounds) {
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        brokers.keySet().forEach(name -> latencies.put(name, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, BrokerHarness> broker : brokers.entrySet()) {
                latencies.get(broker.getKey()).add(timeMint(broker.getValue(), requests.get(broker.getKey())));
            }
        }
        latencies.values().forEach(Collections::sort);
        return latencies;
    }

    private static void print(Map<String, List<Double>> latencies) {
        double baseline = percentile(latencies.get("none"), 50);
        System.out.printf("%-14s %8s %8s %8s %8s %10s%n", "gates", "p50 ms", "p90 ms", "p99 ms", "mean ms", "p50 +ms");
        latencies.forEach((name, sorted) -> System.out.printf("%-14s %8.2f %8.2f %8.2f %8.2f %+10.2f%n", name,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0), percentile(sorted, 50) - baseline));
    }

    private static Map<String, Map<String, Object>> configurations(FakeSiteverify siteverify) {
        Map<String, Object> rateLimits = Map.of("broker.rate-limit.enabled", true,
                "broker.rate-limit.mint-budget", "1000000/1s", "broker.client-ip.source", "x-forwarded-for");
        Map<String, Object> signedProxy = Map.of("broker.netlify.signed-proxy-secret", NETLIFY_SECRET);
        Map<String, Object> proofOfWork = Map.of("broker.pow.enabled", true, "broker.pow.hmac-key", HMAC_KEY);
        Map<String, Object> captcha = Map.of("broker.captcha.provider", "turnstile",
                "broker.captcha.secret", FakeSiteverify.TURNSTILE_PASSES,
                "broker.captcha.verify-url", siteverify.turnstileUrl());
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        configurations.put("none", Map.of());
        configurations.put("rate-limit", rateLimits);
        configurations.put("signed-proxy", signedProxy);
        configurations.put("proof-of-work", proofOfWork);
        configurations.put("captcha", captcha);
        Map<String, Object> all = new HashMap<>();
        List.of(rateLimits, signedProxy, proofOfWork, captcha).forEach(all::putAll);
        configurations.put("all", all);
        return configurations;
    }

    private static Map<String, Function<BrokerHarness, Request>> requests(Iterable<String> names) {
        Map<String, Function<BrokerHarness, Request>> requests = new HashMap<>();
        for (String name : names) {
            requests.put(name, broker -> {
                ObjectNode body = BrokerHarness.JSON.createObjectNode();
                List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json",
                        "X-Forwarded-For", visitorIp()));
                boolean all = name.equals("all");
                if (all || name.equals("proof-of-work")) {
                    body.put("altcha", AltchaSolver.payload(BrokerHarness.json(broker.get("/anon-session/challenge"))));
                }
                if (all || name.equals("captcha")) {
                    body.put("captcha_token", "token-" + ThreadLocalRandom.current().nextLong());
                }
                if (all || name.equals("signed-proxy")) {
                    headers.addAll(List.of("x-nf-sign", NetlifySignatures.sign(NETLIFY_SECRET, Instant.now())));
                }
                return new Request(body.toString(), headers.toArray(String[]::new));
            });
        }
        return requests;
    }

    private static BrokerHarness start(Map<String, Object> gates) {
        Map<String, Object> properties = new HashMap<>(gates);
        properties.putIfAbsent("broker.rate-limit.enabled", false);
        return BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), properties);
    }

    private static double timeMint(BrokerHarness broker, Function<BrokerHarness, Request> requests) {
        Request request = requests.apply(broker);
        long start = System.nanoTime();
        HttpResponse<String> response = broker.post("/anon-session", request.body(), request.headers());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("mint refused: " + response.statusCode() + " " + response.body());
        }
        return millis;
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** A fresh visitor per request from the 198.18.0.0/15 benchmarking range, so the per-IP limits stay out of it. */
    private static String visitorIp() {
        int n = ThreadLocalRandom.current().nextInt(1 << 17);
        return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }
}
