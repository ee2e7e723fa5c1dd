package dev.anonbroker.gotrue;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.gotrue.support.EmulatedGoTrue;
import dev.anonbroker.gotrue.support.TestGoTrue;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three ways to be GoTrue's admin: operator token, self-signed admin JWTs, and neither (a clear error). */
class GoTrueAdminCredentialTest {

    @ParameterizedTest(name = "{0}: admin JWTs signed from broker.gotrue.jwt-secret alone")
    @EnumSource(GoTrueFlavor.class)
    void selfSignedAdminJwtsFromTheSecretAlone(GoTrueFlavor flavor) {
        String secret = TestSecrets.random(32);
        try (EmulatedGoTrue gotrue = EmulatedGoTrue.start(flavor,
                BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor), secret)
                        .withOperatorToken(TestSecrets.random(32)),
                Map.of("broker.gotrue.jwt-secret", secret))) {
            GoTrueClient client = gotrue.client();

            assertAdminWorks(client, gotrue.emulator());
        }
    }

    @Test
    void netlifyOperatorTokenAsAdminToken() {
        String operatorToken = TestSecrets.random(32);
        try (EmulatedGoTrue gotrue = EmulatedGoTrue.start(GoTrueFlavor.NETLIFY,
                BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY, TestSecrets.random(32))
                        .withOperatorToken(operatorToken),
                Map.of("broker.gotrue.admin-token", operatorToken))) {
            GoTrueClient client = gotrue.client();

            assertAdminWorks(client, gotrue.emulator());
        }
    }

    @Test
    void wrongJwtSecretIsRejectedByGoTrue() {
        try (EmulatedGoTrue gotrue = EmulatedGoTrue.start(GoTrueFlavor.SUPABASE,
                BrokerHarness.emulatorOptions(EmulatorFlavor.SUPABASE, TestSecrets.random(32)),
                Map.of("broker.gotrue.jwt-secret", TestSecrets.random(32)))) {
            GoTrueClient client = gotrue.client();

            GoTrueException error = assertThrows(GoTrueException.class,
                    () -> client.listUsers(new UserQuery(1, 10, null, false)));

            assertEquals(GoTrueException.Kind.REJECTED, error.kind());
            assertEquals(403, error.status());
            assertEquals("bad_jwt", error.errorCode());
        }
    }

    @ParameterizedTest(name = "{0}: no admin credential configured")
    @EnumSource(GoTrueFlavor.class)
    void withoutAnyAdminCredentialAdminCallsFailClearly(GoTrueFlavor flavor) {
        try (EmulatedGoTrue gotrue = EmulatedGoTrue.start(flavor,
                BrokerHarness.emulatorOptions(TestGoTrue.emulatorFlavor(flavor), TestSecrets.random(32))
                        .withOperatorToken(TestSecrets.random(32)),
                Map.of())) {
            GoTrueClient client = gotrue.client();

            List<Executable> adminCalls = List.of(
                    () -> client.createConfirmedUser(TestGoTrue.credentials("none"), Map.of()),
                    () -> client.deleteUser("00000000-0000-4000-8000-000000000001"),
                    () -> client.listUsers(new UserQuery(1, 10, null, false)));

            assertAll(adminCalls.stream().map(call -> () -> {
                IllegalStateException error = assertThrows(IllegalStateException.class, call);
                assertTrue(error.getMessage().contains("broker.gotrue.admin-token")
                        && error.getMessage().contains("broker.gotrue.jwt-secret"), error.getMessage());
            }));
            assertTrue(client.isReachable(), "non-admin calls still work");
        }
    }

    private static void assertAdminWorks(GoTrueClient client, GoTrueEmulator emulator) {
        GoTrueUser user = client.createConfirmedUser(TestGoTrue.credentials("admin"), Map.of("anon_broker", "v1"));
        GoTrueUserPage page = client.listUsers(new UserQuery(1, 10, null, false));

        assertEquals(1, page.totalCount());
        assertEquals(user.id(), page.users().get(0).id());
        assertEquals(DeleteOutcome.DELETED, client.deleteUser(user.id()));
        assertTrue(emulator.users().isEmpty());
    }
}
