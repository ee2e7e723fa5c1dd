package dev.anonbroker.bench.perf;

import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker as users run it, {@code java -jar anon-broker.jar}, configured by environment only, in front of an
 * {@link EmulatorProcess}. Its rate limits are off and it trusts {@code X-Forwarded-For}, since one machine plays
 * every visitor. One backend client ({@value #CLIENT_ID}) is declared in a YAML file, the only way to declare one.
 */
final class BrokerProcess implements AutoCloseable {

    static final String CLIENT_ID = "bench";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final ServiceProcess process;
    private final String baseUrl;
    private final String managementUrl;
    private final String backendAuthorization;
    private Duration startup;
    private double rssAfterStart;

    private BrokerProcess(ServiceProcess process, String baseUrl, String managementUrl, String backendAuthorization) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.backendAuthorization = backendAuthorization;
    }

    /** Starts the broker and waits for its first 200 on the public {@code GET /health}. */
    static BrokerProcess start(BenchOptions options, EmulatorProcess emulator, String mode, Map<String, String> extra)
            throws IOException {
        String name = "broker-" + emulator.flavor().name().toLowerCase() + "-" + mode + (extra.isEmpty() ? "" : "-tuned");
        return start(options, emulator, mode, extra, name, TestSecrets.random(32));
    }

    /**
     * As above, named {@code name} (its log and configuration file) and with {@code backendSecret} as the backend
     * client's secret, so that several instances accept the same backend credentials.
     */
    static BrokerProcess start(BenchOptions options, EmulatorProcess emulator, String mode, Map<String, String> extra,
                               String name, String backendSecret) throws IOException {
        int port = Ports.freePort();
        int managementPort = Ports.freePort();
        Path config = options.work().resolve(name + ".yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config,
                "broker:\n  backend-clients:\n    " + CLIENT_ID + ":\n      secret: " + backendSecret + "\n");
        String url = "http://127.0.0.1:" + port;
        Map<String, String> environment = new HashMap<>();
        environment.put("PORT", Integer.toString(port));
        environment.put("BROKER_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("BROKER_ISSUER", url);
        environment.put("BROKER_EMULATOR_ENABLED", "false");
        environment.put("BROKER_GOTRUE_URL", emulator.baseUrl());
        environment.put("BROKER_GOTRUE_FLAVOR", emulator.flavor().name().toLowerCase());
        environment.put("BROKER_GOTRUE_MODE", mode);
        environment.put("BROKER_GOTRUE_ADMIN_TOKEN", emulator.adminToken());
        if (options.localVerification()) {
            environment.put("BROKER_GOTRUE_JWT_SECRET", emulator.jwtSecret());
        }
        environment.put("BROKER_RATE_LIMIT_ENABLED", "false");
        environment.put("BROKER_CLIENT_IP_SOURCE", "x-forwarded-for");
        environment.put("MICRONAUT_CONFIG_FILES", config.toAbsolutePath().toString());
        environment.putAll(extra);
        // as the README starts it: with the start-up archive package wrote beside the jar, when there is one
        List<String> command = new ArrayList<>(List.of(options.java()));
        Path archive = options.jar().resolveSibling("anon-broker.jsa");
        if (Files.isRegularFile(archive)) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.addAll(List.of("-jar", options.jar().toString()));
        ServiceProcess process = ServiceProcess.start(name, command, environment, options.logs().resolve(name + ".log"));
        BrokerProcess broker = new BrokerProcess(process, url, "http://127.0.0.1:" + managementPort,
                BackendCalls.basic(CLIENT_ID, backendSecret));
        try {
            broker.startup = Readiness.await(process, url + "/health", Duration.ofSeconds(120));
            broker.rssAfterStart = process.rssMegabytes();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    String name() {
        return process.name();
    }

    String url(String path) {
        return baseUrl + path;
    }

    String backendAuthorization() {
        return backendAuthorization;
    }

    Duration startup() {
        return startup;
    }

    double rssAfterStart() {
        return rssAfterStart;
    }

    double rssNow() {
        return process.rssMegabytes();
    }

    /** The process's CPU time so far, all threads, in seconds. */
    double cpuSeconds() {
        return process.cpuSeconds();
    }

    /** The management port's {@code /prometheus} text. */
    String prometheus() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl + "/prometheus"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
