package dev.anonbroker.pool;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.EmulatorOptions;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.IndependentVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every mode of each flavor fills the pool, with GoTrue's token checked locally and by GoTrue itself: members are
 * the mode's kind of user (anonymous in {@code anonymous} mode), a hit gives an independently verifiable token for
 * a member, the member is deleted after the session started, like any throwaway user, and the pool refills.
 */
class WarmPoolModesTest {

    record Case(String description, EmulatorFlavor flavor, String mode, boolean localVerification) {
        @Override
        public String toString() {
            return description;
        }

        EmulatorOptions emulator() {
            return BrokerHarness.emulatorOptions(flavor).withAnonymousUsers(flavor == EmulatorFlavor.SUPABASE);
        }

        Map<String, Object> properties() {
            Map<String, Object> properties = new HashMap<>();
            properties.put("broker.gotrue.mode", mode);
            properties.put("broker.pool.size", 2);
            properties.put("broker.sweep.enabled", false);
            if (!localVerification) {
                properties.putAll(BrokerHarness.remoteVerification(flavor));
            }
            return properties;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("netlify signup, JWT secret", EmulatorFlavor.NETLIFY, "signup", true),
                new Case("netlify signup, operator token", EmulatorFlavor.NETLIFY, "signup", false),
                new Case("netlify admin-create, JWT secret", EmulatorFlavor.NETLIFY, "admin-create", true),
                new Case("supabase signup, service_role key", EmulatorFlavor.SUPABASE, "signup", false),
                new Case("supabase admin-create, JWT secret", EmulatorFlavor.SUPABASE, "admin-create", true),
                new Case("supabase anonymous, JWT secret", EmulatorFlavor.SUPABASE, "anonymous", true),
                new Case("supabase anonymous, service_role key", EmulatorFlavor.SUPABASE, "anonymous", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fillsThePoolAndMintsFromIt(Case testCase) throws Exception {
        try (BrokerHarness broker = BrokerHarness.start(testCase.emulator(), testCase.properties())) {
            PoolProbe probe = new PoolProbe(broker);
            probe.awaitSize(2);
            List<EmulatedUser> members = broker.emulator().users().stream().filter(PoolProbe::isPooled).toList();
            assertEquals(2, members.size());
            boolean anonymous = testCase.mode().equals("anonymous");
            for (EmulatedUser member : members) {
                assertEquals(anonymous, member.anonymous(), "the mode's kind of user");
                assertTrue(anonymous ? member.email().isEmpty() : member.email().startsWith("anon-"), member.email());
                assertTrue(member.confirmed() || anonymous, "a confirmed user");
            }

            HttpResponse<String> response = broker.post("/anon-session", null);

            JWTClaimsSet claims = IndependentVerifier.verify(broker.uri("").toString(), "backend",
                    BrokerHarness.accessTokenOf(response));
            assertEquals(1, probe.count("broker.pool.hits"));
            assertTrue(members.stream().anyMatch(member -> member.id().equals(claims.getSubject())));
            Await.until("the member behind the session is deleted", Duration.ofSeconds(20), () -> broker.emulator()
                    .users().stream().noneMatch(user -> user.id().equals(claims.getSubject())));
            probe.awaitSize(2);
        }
    }
}
