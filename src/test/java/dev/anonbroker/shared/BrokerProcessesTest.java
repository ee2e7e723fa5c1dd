package dev.anonbroker.shared;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support the process tests stand on: a broker that cannot start fails {@link BrokerProcesses#start} with the end
 * of its log, and the log stays under target/. ({@link BrokerProcesses#kill}: the last test of
 * {@link ThreeBrokerProcessesTest}.)
 */
class BrokerProcessesTest {

    @Test
    void aBrokerThatCannotStartFailsTheStartWithTheEndOfItsLog() throws Exception {
        try (RedisServer redis = RedisServer.start();
             GoTrueEmulator gotrue = GoTrueEmulator.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY))) {
            AssertionError failed = assertThrows(AssertionError.class, () -> BrokerProcesses.start(1, redis,
                    gotrue.baseUrl(), Map.of("broker.pow.enabled", "true")));

            assertTrue(failed.getMessage().contains("exited"), failed.getMessage());
            assertTrue(failed.getMessage().contains("broker.pow.hmac-key"), "the log's tail: " + failed.getMessage());
            String log = failed.getMessage().lines().filter(line -> line.contains("broker-0.log")).findFirst()
                    .orElseThrow().replaceFirst(".* of (\\S+\\.log):.*", "$1");
            assertTrue(Files.readString(Path.of(log)).contains("broker.pow.hmac-key"), "kept: " + log);
        }
    }
}
