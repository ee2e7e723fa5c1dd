package dev.anonbroker.cookie;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of {@code broker.cookie.*}: each refusal names the setting at fault. */
class SessionCookieConfigurationTest {

    private static final String ACCESS = "__Host-anon-broker";
    private static final String REFRESH = "__Secure-anon-broker-refresh";

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a space in the access name", "__Host-anon broker", REFRESH, "/anon-session", "access-name"),
                Arguments.of("a separator in the refresh name", ACCESS, "refresh;x", "/anon-session", "refresh-name"),
                Arguments.of("an empty refresh name", ACCESS, "", "/anon-session", "refresh-name"),
                Arguments.of("the same name twice, in other case", ACCESS, "__host-ANON-broker", "/anon-session", "must differ"),
                Arguments.of("a relative refresh path", ACCESS, REFRESH, "anon-session", "refresh-path"),
                Arguments.of("a refresh path with an attribute smuggled in", ACCESS, REFRESH, "/a; Domain=evil.example", "refresh-path"),
                Arguments.of("a __Host- refresh name off the root path", ACCESS, "__Host-refresh", "/anon-session", "refresh-name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesNamingTheSetting(String description, String access, String refresh, String path, String named) {
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> new SessionCookieConfiguration(true, access, refresh, path));
        assertTrue(failure.getMessage().contains(named), failure.getMessage());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("the defaults", ACCESS, REFRESH, "/anon-session"),
                Arguments.of("a site's proxy path", ACCESS, REFRESH, "/api/anon-session"),
                Arguments.of("a __Host- refresh name on the root path", ACCESS, "__Host-refresh", "/"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String description, String access, String refresh, String path) {
        assertDoesNotThrow(() -> new SessionCookieConfiguration(true, access, refresh, path));
    }
}
