package dev.anonbroker.gate.ratelimit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code N/duration} and {@code off}, and the errors that name the property. */
class LimitTest {

    private static final String PROPERTY = "broker.rate-limit.anon-session-per-ip";

    @ParameterizedTest(name = "{0}")
    @CsvSource({"30/10m, 30, PT10M", "20/1s, 20, PT1S", "5/500ms, 5, PT0.5S", "100/1h, 100, PT1H",
            "1000/1d, 1000, PT24H", "30/PT10M, 30, PT10M", "' 30 / 10m ', 30, PT10M", "7/pt1h30m, 7, PT1H30M",
            "1000000000/7d, 1000000000, PT168H"})
    void parsesCountAndDuration(String value, long capacity, String period) {
        assertEquals(Optional.of(new Limit(capacity, Duration.parse(period))), Limit.parse(PROPERTY, value));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"off", "OFF", " Off "})
    void offMeansNoLimit(String value) {
        assertTrue(Limit.parse(PROPERTY, value).isEmpty());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "30", "30/10", "30/", "/10m", "0/10m", "-1/10m", "30/0s", "30/10x", "30/8d",
            "1000000001/1s", "30/10m/2", "thirty/10m", "30/P", "30/PT0S", "30/1us", "none", "99999999999/1s",
            "30/999999999999d"})
    void refusesAnythingElseNamingTheProperty(String value) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Limit.parse(PROPERTY, value));

        assertTrue(error.getMessage().startsWith(PROPERTY + ": '" + value + "' is not a rate limit"), error.getMessage());
    }

    @Test
    void refusesNull() {
        assertThrows(IllegalArgumentException.class, () -> Limit.parse(PROPERTY, null));
    }

    @ParameterizedTest(name = "{0} -> w={1}")
    @CsvSource({"PT10M, 600", "PT0.5S, 1", "PT1.2S, 2", "PT1S, 1"})
    void theWindowIsWholeSecondsRoundedUp(String period, long seconds) {
        assertEquals(seconds, new Limit(1, Duration.parse(period)).periodSeconds());
    }
}
