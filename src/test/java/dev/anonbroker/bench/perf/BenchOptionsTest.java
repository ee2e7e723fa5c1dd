package dev.anonbroker.bench.perf;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark command's arguments: the issue's defaults, a quick run, and refusals that name the mistake. */
class BenchOptionsTest {

    @Test
    void defaultsAreTheIssuesFullRunWithoutTheSoak() {
        BenchOptions options = BenchOptions.parse();
        assertEquals(List.of(1, 16, 64, 256), options.concurrencies());
        assertEquals(List.of(8, 256), options.connections());
        assertEquals(Duration.ofMillis(20), options.latency());
        assertEquals(Duration.ofMillis(100), options.poolLatency());
        assertEquals(4, options.bcryptCost());
        assertEquals(BenchOptions.ALL_MODES, options.modes());
        assertFalse(options.runs("soak"));
        assertFalse(options.runs("scale-out"));
        assertEquals(List.of(1, 2, 3), options.scaleOutInstances());
        assertEquals(64, options.scaleOutVisitors());
        assertTrue(options.runs("forum") && options.runs("verify") && options.runs("pool"));
    }

    @Test
    void aQuickRunNarrowsEverythingAndSoakMinutesAddTheSoak() {
        BenchOptions options = BenchOptions.parse("--duration", "500ms", "--warmup", "1s", "--concurrency", "1, 16",
                "--scenarios", "session,jwks", "--modes", "supabase:anonymous", "--soak-minutes", "2",
                "--local-verification");
        assertEquals(Duration.ofMillis(500), options.duration());
        assertEquals(Duration.ofSeconds(1), options.warmup());
        assertEquals(List.of(1, 16), options.concurrencies());
        assertEquals(Set.of("session", "jwks", "soak"), options.scenarios());
        assertEquals(List.of("supabase:anonymous"), options.modes());
        assertEquals(2, options.soakMinutes());
        assertTrue(options.localVerification());
    }

    @Test
    void theScaleOutRunsWhenNamedWithItsInstanceCounts() {
        BenchOptions options = BenchOptions.parse("--scenarios", "scale-out", "--scale-out-instances", "1,3",
                "--scale-out-visitors", "16");
        assertEquals(Set.of("scale-out"), options.scenarios());
        assertEquals(List.of(1, 3), options.scaleOutInstances());
        assertEquals(16, options.scaleOutVisitors());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse("--scale-out-instances", "0")).getMessage().contains("positive"));
    }

    @Test
    void mistakesAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--scenarios", "fourm"))
                .getMessage().contains("fourm"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--modes", "netlify:anonymous"))
                .getMessage().contains("netlify:anonymous"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--duration", "10"))
                .getMessage().contains("'10'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--concurrency", "0"))
                .getMessage().contains("positive"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--duration"));
        assertNull(BenchOptions.parse("--help"));
    }
}
