package dev.anonbroker.gate.ip;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings of the visitor IP and the signed proxy that cannot work stop the start, naming what to change. */
class ClientIpStartupTest {

    static Stream<Arguments> misconfigurations() {
        return Stream.of(
                Arguments.of("netlify source without the signed-proxy secret", Map.of("broker.client-ip.source", "netlify"),
                        List.of("broker.client-ip.source", "broker.netlify.signed-proxy-secret")),
                Arguments.of("a trusted proxy that is no CIDR", Map.of("broker.client-ip.source", "x-forwarded-for",
                        "broker.client-ip.trusted-proxies", "10.0.0.0/8,proxy.internal"),
                        List.of("broker.client-ip.trusted-proxies", "proxy.internal")),
                Arguments.of("a prefix too long", Map.of("broker.client-ip.trusted-proxies", "fd00::/200"),
                        List.of("broker.client-ip.trusted-proxies", "fd00::/200")),
                Arguments.of("zero trusted hops", Map.of("broker.client-ip.source", "forwarded", "broker.client-ip.trusted-hops", 0),
                        List.of("trusted-hops")),
                Arguments.of("a signed-proxy secret too short for HS256", Map.of("broker.netlify.signed-proxy-secret", "short-secret"),
                        List.of("broker.netlify.signed-proxy-secret", "openssl rand -hex 32")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misconfigurations")
    void aSettingThatCannotWorkStopsTheStart(String description, Map<String, Object> settings, List<String> named) {
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY), settings).close());

        String messages = messages(failure);
        for (String name : named) {
            assertTrue(messages.contains(name), "names " + name + ": " + messages);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
