package dev.anonbroker.sweep;

import dev.anonbroker.Application;
import dev.anonbroker.emulator.EmulatorCommand;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deletion guarantee across a crash, with every party in its own process: the emulator; a broker that mints
 * sessions under load with an hour's cleanup delay and is killed with SIGKILL before its queue drains; and a new
 * broker whose start-up sweep must leave zero throwaway users within the guarantee window (scaled down: no cleanup
 * delay left to wait for, a 1 s sweep interval and a 1 s grace period) while every other user stays.
 */
class SweepCrashTest {

    private static final int SESSIONS = 200;
    private static final int THREADS = 4;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void noThrowawayUserSurvivesABrokerKilledBeforeItsQueueDrained() throws Exception {
        String gotrue = startEmulator();
        EmulatorAdmin admin = new EmulatorAdmin(gotrue, false, TestSecrets.OPERATOR_TOKEN);
        Set<String> others = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            others.add(admin.createUser("visitor-" + i + "@example.com", Map.of(), null));
            if (i % 4 == 0) {
                others.add(admin.createUser("anon-unmarked-" + i + "@anon.invalid", Map.of(), null));
            }
        }

        Process first = startBroker(gotrue, "1h", "1h");
        createSessions(first.pid(), brokerUrl);
        assertEquals(SESSIONS, throwawayUsers(admin), "the queue still holds every user");
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertEquals(SESSIONS, throwawayUsers(admin), "SIGKILL: the queue was not drained");

        long restarted = System.nanoTime();
        startBroker(gotrue, "500ms", "1s");
        Await.until("the new broker's sweep removed every throwaway user", Duration.ofSeconds(40),
                () -> throwawayUsers(admin) == 0);
        long seconds = Duration.ofNanos(System.nanoTime() - restarted).toSeconds();

        Set<String> left = admin.users().stream().map(EmulatorAdmin.ListedUser::id).collect(Collectors.toSet());
        long leaked = throwawayUsers(admin);
        long wronglyDeleted = others.stream().filter(id -> !left.contains(id)).count();
        System.out.println("leaked=" + leaked + " wronglyDeleted=" + wronglyDeleted + " (" + SESSIONS
                + " sessions, swept within " + seconds + " s of the restart)");
        assertEquals(0, leaked);
        assertEquals(0, wronglyDeleted);
        assertEquals(others, left, "exactly the other users are left");
    }

    private String brokerUrl;

    private String startEmulator() throws IOException {
        Process emulator = launch(List.of(), EmulatorCommand.class.getName(), "--port", "0", "--flavor", "netlify",
                "--bcrypt-cost", "4", "--jwt-secret", TestSecrets.GOTRUE_JWT_SECRET,
                "--operator-token", TestSecrets.OPERATOR_TOKEN);
        String line = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(line != null && line.contains("http://"), "emulator started: " + line);
        return line.substring(line.indexOf("http://")).trim();
    }

    /** A broker process on a free port, with an hour's cleanup delay and the given sweep schedule; waits for /health. */
    private Process startBroker(String gotrue, String initialDelay, String interval) throws IOException {
        int port = Ports.freePort();
        brokerUrl = "http://127.0.0.1:" + port;
        Process broker = launch(List.of("-Dmicronaut.server.port=" + port, "-Dbroker.gotrue.url=" + gotrue,
                        "-Dbroker.gotrue.flavor=netlify", "-Dbroker.gotrue.jwt-secret=" + TestSecrets.GOTRUE_JWT_SECRET,
                        "-Dbroker.cleanup.delay=1h", "-Dbroker.sweep.grace-period=1s",
                        "-Dendpoints.all.port=" + Ports.freePort(),
                        "-Dbroker.sweep.initial-delay=" + initialDelay, "-Dbroker.sweep.interval=" + interval,
                        // A process outside the test environment: its default limits would refuse 200 mints from 127.0.0.1.
                        "-Dbroker.rate-limit.enabled=false"),
                Application.class.getName());
        Await.until("the broker answers /health", Duration.ofSeconds(40), () -> healthy(brokerUrl));
        return broker;
    }

    private void createSessions(long pid, String url) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                statuses.add(pool.submit(() -> BrokerHarness.send(HttpRequest.newBuilder(URI.create(url + "/anon-session"))
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(), "session from broker " + pid);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long throwawayUsers(EmulatorAdmin admin) {
        return admin.users().stream().filter(EmulatorAdmin.ListedUser::marked).count();
    }

    private static boolean healthy(String url) {
        try {
            return BrokerHarness.send(HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(5))
                    .GET().build()).statusCode() == 200;
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    private Process launch(List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        if (!mainClass.equals(EmulatorCommand.class.getName())) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = builder.start();
        processes.add(process);
        return process;
    }
}
