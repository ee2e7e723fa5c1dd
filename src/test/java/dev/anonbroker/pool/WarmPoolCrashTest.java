package dev.anonbroker.pool;

import dev.anonbroker.Application;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.EmulatorAdmin;
import dev.anonbroker.support.Ports;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker with a full pool is killed (SIGKILL, so nothing is deleted at shutdown); another broker's sweep deletes
 * the members once their hold and the grace period have passed, and leaves every other user alone.
 */
class WarmPoolCrashTest {

    @Test
    void afterACrashTheSweepDeletesTheMembersOnceTheirHoldEnds() throws Exception {
        try (GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY))) {
            String bystander = EmulatorAdmin.of(gotrue.baseUrl(), false).createUser("visitor@example.com", Map.of(), null);
            Process crashing = startPoolingBroker(gotrue.baseUrl());
            Set<String> members;
            try {
                Await.until("the killed-to-be broker filled its pool", Duration.ofSeconds(60),
                        () -> gotrue.users().stream().filter(PoolProbe::isPooled).count() >= 3);
            } finally {
                crashing.destroyForcibly();
                assertTrue(crashing.waitFor(30, TimeUnit.SECONDS));
            }
            members = gotrue.users().stream().filter(PoolProbe::isPooled).map(user -> user.id())
                    .collect(java.util.stream.Collectors.toSet());
            assertTrue(members.size() >= 3, "SIGKILL left the members in GoTrue");

            try (BrokerHarness survivor = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                    Map.of("broker.gotrue.url", gotrue.baseUrl(), "broker.sweep.grace-period", "1s",
                            "broker.sweep.initial-delay", "0s", "broker.sweep.interval", "200ms"))) {
                Await.until("the survivor's sweep deleted every member of the killed broker", Duration.ofSeconds(30),
                        () -> gotrue.users().stream().noneMatch(user -> members.contains(user.id())));
                assertEquals(List.of(bystander), gotrue.users().stream().map(user -> user.id()).toList());
            }
        }
    }

    /** A broker process whose members are held for at most 4 s; its own sweep is off. */
    private static Process startPoolingBroker(String gotrue) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Dmicronaut.server.port=" + Ports.freePort(), "-Dendpoints.all.port=" + Ports.freePort(),
                "-Dbroker.gotrue.url=" + gotrue, "-Dbroker.gotrue.flavor=netlify",
                "-Dbroker.gotrue.jwt-secret=" + TestSecrets.GOTRUE_JWT_SECRET,
                "-Dbroker.pool.size=3", "-Dbroker.pool.max-age=4s", "-Dbroker.sweep.enabled=false",
                "-cp", System.getProperty("java.class.path"), Application.class.getName()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
