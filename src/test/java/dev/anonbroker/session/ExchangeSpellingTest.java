package dev.anonbroker.session;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 10 item 2: one GoTrue access token, however it is spelled, starts one session. A lenient base64 decoder
 * reads the signature with {@code =} padding or other spare bits as the same bytes, and GoTrue's own Go decoder may do
 * the same, so the exchange refuses every non-canonical spelling and remembers what the token says, not its text.
 */
class ExchangeSpellingTest {

    private static final Map<EmulatorFlavor, BrokerHarness> LOCAL = new EnumMap<>(EmulatorFlavor.class);
    private static final Map<EmulatorFlavor, BrokerHarness> REMOTE = new EnumMap<>(EmulatorFlavor.class);

    @BeforeAll
    static void start() {
        for (EmulatorFlavor flavor : EmulatorFlavor.values()) {
            LOCAL.put(flavor, BrokerHarness.start(BrokerHarness.emulatorOptions(flavor), Map.of()));
            REMOTE.put(flavor, BrokerHarness.start(BrokerHarness.emulatorOptions(flavor),
                    BrokerHarness.remoteVerification(flavor)));
        }
    }

    @AfterAll
    static void stop() {
        Stream.concat(LOCAL.values().stream(), REMOTE.values().stream()).forEach(BrokerHarness::close);
    }

    static Stream<Arguments> brokers() {
        List<Arguments> cases = new ArrayList<>();
        for (EmulatorFlavor flavor : EmulatorFlavor.values()) {
            cases.add(Arguments.of(flavor, "local (jwt-secret)"));
            cases.add(Arguments.of(flavor, "remote (GET /user)"));
        }
        return cases.stream();
    }

    private static BrokerHarness broker(EmulatorFlavor flavor, String verification) {
        return verification.startsWith("local") ? LOCAL.get(flavor) : REMOTE.get(flavor);
    }

    @ParameterizedTest(name = "{0}, {1} verification")
    @MethodSource("brokers")
    void everySpellingOfOneTokenStartsExactlyOneSession(EmulatorFlavor flavor, String verification) {
        BrokerHarness broker = broker(flavor, verification);
        String token = ExchangeFixtures.markedUserToken(broker);
        List<String> spellings = ExchangeFixtures.otherSpellings(token);
        assertEquals(7, spellings.size(), "an HS256 signature has 2 spare bits and may be padded");

        List<Integer> statuses = new ArrayList<>();
        for (String spelling : spellings) {
            HttpResponse<String> response = ExchangeFixtures.exchange(broker, spelling);
            statuses.add(response.statusCode());
            assertEquals(401, response.statusCode(), "a re-spelled token is refused: " + response.body());
            assertEquals("urn:anon-broker:problem:invalid-token", ExchangeFixtures.problem(response).get("type").asText());
        }
        HttpResponse<String> canonical = ExchangeFixtures.exchange(broker, token);
        HttpResponse<String> again = ExchangeFixtures.exchange(broker, token);

        assertEquals(200, canonical.statusCode(), canonical.body());
        assertEquals(401, again.statusCode(), again.body());
        statuses.add(canonical.statusCode());
        statuses.add(again.statusCode());
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "sessions: " + statuses);
    }
}
