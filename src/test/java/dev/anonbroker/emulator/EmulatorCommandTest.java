package dev.anonbroker.emulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Option parsing and start-up output of the standalone emulator command. */
class EmulatorCommandTest {

    @Test
    void defaultsAreNetlifyOnPort9999WithGeneratedSecrets() {
        EmulatorArguments arguments = EmulatorArguments.parse();
        assertEquals(9999, arguments.options().port());
        assertEquals(EmulatorFlavor.NETLIFY, arguments.options().flavor());
        assertTrue(arguments.generatedSecret());
        assertTrue(arguments.generatedOperatorToken());
        assertEquals(43, arguments.options().jwtSecret().length());
        assertTrue(arguments.options().autoconfirm());
    }

    @Test
    void everyOptionIsApplied() {
        EmulatorOptions options = EmulatorArguments.parse("--port", "0", "--flavor=supabase", "--jwt-secret", "s",
                "--autoconfirm", "false", "--disable-signup", "--anonymous-users", "--rate-limit-header", "X-IP",
                "--jwt-exp", "60", "--jwt-aud", "aud1", "--bcrypt-cost", "5").options();
        assertEquals(0, options.port());
        assertEquals(EmulatorFlavor.SUPABASE, options.flavor());
        assertEquals("s", options.jwtSecret());
        assertNull(options.operatorToken());
        assertFalse(options.autoconfirm());
        assertTrue(options.disableSignup());
        assertTrue(options.anonymousUsers());
        assertEquals("X-IP", options.rateLimitHeader());
        assertEquals(Duration.ofSeconds(60), options.jwtExp());
        assertEquals("aud1", options.defaultAudience());
        assertEquals(5, options.bcryptCost());
    }

    @Test
    void badOptionsAreRefused() {
        String[][] cases = {
            {"--flavor", "okta"}, {"--port", "70000"}, {"--port"}, {"--autoconfirm", "maybe"}, {"--nope"},
            {"stray"}, {"--bcrypt-cost", "2"}, {"--jwt-exp", "x"}, {"--port", "1", "--port", "2"},
            {"--rate-limit-header", " "}, {"--faults", "{not json"}, {"--faults", "[1]"},
            {"--faults", "{\"route\":\"POST /token\",\"server_error_share\":2}"},
        };
        for (String[] args : cases) {
            assertThrows(IllegalArgumentException.class, () -> EmulatorArguments.parse(args), String.join(" ", args));
        }
    }

    @Test
    void badOptionsExitWithCode2AndAMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EmulatorCommand.check(new String[] {"--flavor", "okta"}, print(out), print(err));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--flavor must be netlify or supabase"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndExits0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, EmulatorCommand.check(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream())));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--rate-limit-header"));
        assertEquals(-1, EmulatorCommand.check(new String[] {"--port", "0"}, print(out), print(out)));
    }

    @Test
    void startPrintsGeneratedSecretOnceAndWhereItListens() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmulatorArguments arguments = EmulatorArguments.parse("--port", "0", "--flavor", "supabase", "--bcrypt-cost", "4");
        try (GoTrueEmulator emulator = EmulatorCommand.start(arguments, print(out))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("(supabase) listening on " + emulator.baseUrl()), printed);
            assertEquals(printed.indexOf(arguments.options().jwtSecret()), printed.lastIndexOf(arguments.options().jwtSecret()));
            assertFalse(printed.contains("operator token"));
            assertEquals(200, new TestHttp(emulator).get("/health").status());
        }
    }

    @Test
    void faultsGivenAtStartAreInForceFromTheFirstRequest() {
        EmulatorArguments arguments = EmulatorArguments.parse("--port", "0", "--bcrypt-cost", "4", "--faults",
                "[{\"route\":\"GET /settings\",\"server_error_share\":1},{\"route\":\"GET /health\",\"rate_limit_share\":1,\"retry_after_s\":3}]");
        try (GoTrueEmulator emulator = EmulatorCommand.start(arguments, print(new ByteArrayOutputStream()))) {
            TestHttp http = new TestHttp(emulator);
            assertEquals(500, http.get("/settings").status());
            assertEquals(429, http.get("/health").status());
            assertEquals(401, http.get("/user").status(), "other routes answer as GoTrue does");
        }
    }

    @Test
    void givenSecretsAreNeverPrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmulatorArguments arguments = EmulatorArguments.parse("--port", "0", "--jwt-secret", "given-secret",
                "--operator-token", "given-operator", "--bcrypt-cost", "4");
        try (GoTrueEmulator emulator = EmulatorCommand.start(arguments, print(out))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertFalse(printed.contains("given-secret") || printed.contains("given-operator"));
            assertTrue(printed.contains("(netlify) listening on " + emulator.baseUrl()));
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
