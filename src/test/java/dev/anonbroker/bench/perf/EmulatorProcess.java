package dev.anonbroker.bench.perf;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.support.TestTokens;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GoTrue emulator as users run it: {@code java -cp anon-broker.jar dev.anonbroker.emulator.EmulatorCommand}, with
 * the bcrypt cost and a latency on every route given as arguments, and its per-IP limits keyed on
 * {@code X-Forwarded-For} so that every simulated visitor is limited on its own.
 */
final class EmulatorProcess implements AutoCloseable {

    private final EmulatorFlavor flavor;
    private final String jwtSecret;
    private final String operatorToken;
    private final String baseUrl;
    private final ServiceProcess process;

    private EmulatorProcess(EmulatorFlavor flavor, String jwtSecret, String operatorToken, String baseUrl,
                            ServiceProcess process) {
        this.flavor = flavor;
        this.jwtSecret = jwtSecret;
        this.operatorToken = operatorToken;
        this.baseUrl = baseUrl;
        this.process = process;
    }

    /**
     * Starts the emulator; {@code perVisitorLimits} false starts it without {@code --rate-limit-header}, so that
     * netlify's {@code /token} limiter lets everything through (the warm pool's refills carry no visitor address).
     */
    static EmulatorProcess start(BenchOptions options, EmulatorFlavor flavor, Duration latency,
                                 boolean perVisitorLimits) throws IOException {
        int port = Ports.freePort();
        String secret = TestSecrets.random(32);
        String operator = TestSecrets.random(32);
        String name = "emulator-" + flavor.name().toLowerCase(Locale.ROOT) + "-" + latency.toMillis() + "ms"
                + (perVisitorLimits ? "" : "-unlimited");
        List<String> command = new ArrayList<>(List.of(options.java(), "-cp", options.jar().toString(),
                "dev.anonbroker.emulator.EmulatorCommand", "--port", Integer.toString(port),
                "--flavor", flavor.name().toLowerCase(Locale.ROOT), "--jwt-secret", secret,
                "--operator-token", operator, "--bcrypt-cost", Integer.toString(options.bcryptCost()),
                "--faults", "{\"route\":\"*\",\"latency_ms\":" + latency.toMillis() + "}"));
        if (perVisitorLimits) {
            command.addAll(List.of("--rate-limit-header", "X-Forwarded-For"));
        }
        ServiceProcess process = ServiceProcess.start(name, command, Map.of(), options.logs().resolve(name + ".log"));
        String url = "http://127.0.0.1:" + port;
        EmulatorProcess emulator = new EmulatorProcess(flavor, secret, operator, url, process);
        try {
            Readiness.await(process, url + "/health", Duration.ofSeconds(60));
        } catch (RuntimeException | IOException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    EmulatorFlavor flavor() {
        return flavor;
    }

    String baseUrl() {
        return baseUrl;
    }

    String jwtSecret() {
        return jwtSecret;
    }

    /** The admin credential: the operator token (netlify) or a {@code service_role} key (supabase). */
    String adminToken() {
        return flavor == EmulatorFlavor.SUPABASE ? TestTokens.supabaseServiceRole(jwtSecret) : operatorToken;
    }

    /** The process's CPU time so far, all threads, in seconds. */
    double cpuSeconds() {
        return process.cpuSeconds();
    }

    @Override
    public void close() {
        process.close();
    }
}
