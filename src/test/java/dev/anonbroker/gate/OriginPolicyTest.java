package dev.anonbroker.gate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Pattern matching of broker.allowed-origins entries, as a plain unit test.
 */
class OriginPolicyTest {

    private final OriginPolicy policy = new OriginPolicy(new GateConfiguration(
            List.of("https://mysite.netlify.app", "https://*--mysite.netlify.app", "http://localhost:8888")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://mysite.netlify.app, true",
            "HTTPS://MYSITE.NETLIFY.APP, true",
            "https://deploy-preview-1--mysite.netlify.app, true",
            "https://x.y--mysite.netlify.app, false",
            "https://--mysite.netlify.app, false",
            "https://mysite.netlify.app:443, false",
            "http://localhost:8888, true",
            "http://localhost:8889, false",
            "https://evilmysite.netlify.app, false"})
    void matchesWholeOriginsWithSingleLabelWildcards(String origin, boolean allowed) {
        assertEquals(allowed, policy.matches(origin));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https://mysite.netlify.app/", "https://mysite.netlify.app/path", "mysite.netlify.app"})
    void refusesEntriesThatAreNotOrigins(String entry) {
        assertThrows(IllegalArgumentException.class, () -> new OriginPolicy(new GateConfiguration(List.of(entry))));
    }
}
