package dev.anonbroker.session;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.FaultRule;
import dev.anonbroker.support.BrokerHarness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code broker.session.overhead} leaves GoTrue's time out: with every GoTrue call slowed by 150 ms, a mint takes
 * more than that, yet its overhead stays far below it; refusals are not timed.
 */
class SessionOverheadTest {

    private static final Duration GOTRUE_LATENCY = Duration.ofMillis(150);

    @Test
    void overheadIsServerTimeWithoutTheTimeSpentInGoTrue() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE), Map.of())) {
            Timer overhead = broker.context().getBean(MeterRegistry.class).get("broker.session.overhead")
                    .tag("path", "anon-session").timer();
            assertEquals(200, broker.post("/anon-session", "{}", "Content-Type", "application/json").statusCode(),
                    "a first mint, which loads what the broker loads lazily");
            double warmUpNanos = overhead.totalTime(TimeUnit.NANOSECONDS);

            broker.emulator().setFault("*", FaultRule.latency(GOTRUE_LATENCY));
            long started = System.nanoTime();
            assertEquals(200, broker.post("/anon-session", "{}", "Content-Type", "application/json").statusCode());
            long clientNanos = System.nanoTime() - started;

            assertEquals(2, overhead.count());
            double overheadNanos = overhead.totalTime(TimeUnit.NANOSECONDS) - warmUpNanos;
            assertTrue(clientNanos > GOTRUE_LATENCY.toNanos(), "the mint waited for GoTrue");
            assertTrue(overheadNanos < GOTRUE_LATENCY.toNanos() / 2,
                    "overhead " + overheadNanos / 1e6 + " ms of " + clientNanos / 1e6 + " ms leaves GoTrue's time out");

            String prometheus = broker.getManagement("/prometheus").body();
            assertTrue(prometheus.contains("broker_session_overhead_seconds_bucket{path=\"anon-session\""),
                    "exported as a histogram");
        }
    }

    @Test
    void refusalsAreNotTimed() {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), Map.of())) {
            broker.emulator().setFault("POST /signup", FaultRule.serverErrors(1.0));
            HttpResponse<String> refused = broker.post("/anon-session", "{}", "Content-Type", "application/json");
            assertEquals(503, refused.statusCode());

            Timer overhead = broker.context().getBean(MeterRegistry.class).get("broker.session.overhead")
                    .tag("path", "anon-session").timer();
            assertEquals(0, overhead.count());
        }
    }
}
