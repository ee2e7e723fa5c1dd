package dev.anonbroker.shared;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code redis.uri} with TLS ({@code rediss://}) and a password, against a redis-server that requires both (a
 * self-signed certificate for 127.0.0.1, made here with the JDK's keytool). Broker 0 trusts the certificate (a JVM
 * truststore) and has the password: it mints and refreshes, and its sessions are in Redis. Broker 1 has a wrong
 * password, broker 2 does not trust the certificate: both refuse mints 503 {@code shared-state-unavailable} and say
 * DEGRADED at {@code /health}, so neither the password nor the certificate check is decoration.
 */
class SecuredRedisTest {

    /** Starts with a letter: redis-server would read a leading "--" as an option. */
    private static final String PASSWORD = "p" + TestSecrets.random(24);
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path certificates;
    private static RedisServer redis;
    private static GoTrueEmulator gotrue;
    private static BrokerProcesses brokers;

    @BeforeAll
    static void start() throws Exception {
        Path truststore = selfSignedCertificate(certificates);
        int tlsPort = Ports.freePort();
        redis = RedisServer.startWithTls(PASSWORD, tlsPort, certificates.resolve("redis.crt"),
                certificates.resolve("redis.key"));
        gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY));
        String trust = "-Djavax.net.ssl.trustStore=" + truststore + " -Djavax.net.ssl.trustStorePassword="
                + STORE_PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12";
        String secured = "rediss://:" + PASSWORD + "@127.0.0.1:" + tlsPort;
        brokers = BrokerProcesses.start(redis, gotrue.baseUrl(), Map.of("broker.health.gotrue-check-interval", "100ms"),
                List.of(Map.of("redis.uri", secured, BrokerProcesses.JVM_OPTIONS, trust),
                        Map.of("redis.uri", "rediss://:wrong-" + PASSWORD + "@127.0.0.1:" + tlsPort,
                                BrokerProcesses.JVM_OPTIONS, trust),
                        Map.of("redis.uri", secured)));
    }

    @AfterAll
    static void stop() {
        BrokerProcesses.closeAll(brokers, gotrue, redis);
    }

    @Test
    void withTheRightPasswordAndATrustedCertificateSessionsLiveInRedis() {
        HttpResponse<String> minted = brokers.post(0, "/anon-session", null);
        assertEquals(200, minted.statusCode(), minted.body());
        String refreshToken = BrokerHarness.json(minted).get("refresh_token").asText();
        String body = BrokerHarness.JSON.createObjectNode().put("refresh_token", refreshToken).toString();
        HttpResponse<String> refreshed = brokers.post(0, "/anon-session/refresh", body, "Content-Type", "application/json");
        assertEquals(200, refreshed.statusCode(), refreshed.body());

        String sessions = redis.send("EVAL \"return #redis.call('KEYS', 'anon-broker:refresh:*')\" 0");
        assertEquals(":1", sessions, "the session is a key in the TLS-and-password Redis");
        assertEquals("UP", healthStatus(0));
    }

    @Test
    void aWrongPasswordOrAnUntrustedCertificateRefusesMintsAndDegradesHealth() {
        for (int broker : new int[] {1, 2}) {
            HttpResponse<String> refused = brokers.post(broker, "/anon-session", null);
            assertEquals(503, refused.statusCode(), "broker " + broker + ": " + refused.body());
            assertEquals("urn:anon-broker:problem:shared-state-unavailable",
                    BrokerHarness.json(refused).get("type").asText());
            int each = broker;
            Await.until("broker " + broker + " says DEGRADED", Duration.ofSeconds(10),
                    () -> "DEGRADED".equals(healthStatus(each)));
        }
        String wrongPassword = warnings(1);
        assertTrue(wrongPassword.contains("WRONGPASS"), "broker 1 says why: " + wrongPassword);
        String untrusted = warnings(2);
        assertTrue(untrusted.contains("certification path"), "broker 2 says why: " + untrusted);
        for (int broker = 0; broker < brokers.count(); broker++) {
            assertTrue(!log(broker).contains(PASSWORD), "broker " + broker + " does not log the password");
        }
    }

    private static String log(int broker) {
        try {
            return Files.readString(brokers.log(broker));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String warnings(int broker) {
        return String.join("\n", log(broker).lines().filter(line -> line.contains(" WARN ")).toList());
    }

    private static String healthStatus(int broker) {
        HttpResponse<String> health = brokers.get(broker, "/health");
        assertEquals(200, health.statusCode(), health.body());
        return BrokerHarness.json(health).get("status").asText();
    }

    /**
     * A self-signed EC certificate for 127.0.0.1: {@code redis.crt} and {@code redis.key} (PEM, for redis-server) in
     * {@code directory}, and a PKCS12 truststore holding the certificate, which is returned.
     */
    private static Path selfSignedCertificate(Path directory) throws Exception {
        Path keystore = directory.resolve("redis.p12");
        Path truststore = directory.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "redis", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", directory.resolve("redis.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "redis", "-file", directory.resolve("redis.crt").toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("redis", STORE_PASSWORD.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(directory.resolve("redis.key"), pem);
        return truststore;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", arguments) + ": " + output);
    }
}
