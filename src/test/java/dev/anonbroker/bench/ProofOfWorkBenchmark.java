package dev.anonbroker.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.gate.pow.AltchaSolver;
import dev.anonbroker.gate.pow.ProofOfWorkProbe;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.TestSecrets;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What proof of work costs the broker and a caller, on one thread: challenges issued per second, payloads verified
 * per second (decode, SHA-256, HMAC, expiry), accepted payloads remembered per second, and the mean time the tests'
 * plain Java solver takes at a difficulty. Prints figures; asserts nothing. Arguments: max-number (100000, the
 * default), challenges to solve (50), seconds per rate (3), and {@code widget} to also start a broker with proof of
 * work on and run {@code src/test/node/altcha/widget-solve-time.mjs} against it: the stock widget in headless Chromium
 * solves that many of the broker's challenges, and each payload must mint.
 *
 * <p>The solver is the tests' straightforward one (a new digest and string per try); a tuned native or GPU solver is
 * far faster, a browser slower.
 */
public final class ProofOfWorkBenchmark {

    private ProofOfWorkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long maxNumber = Long.parseLong(arg(args, 0, "100000"));
        int solves = Integer.parseInt(arg(args, 1, "50"));
        double seconds = Double.parseDouble(arg(args, 2, "3"));
        ProofOfWorkProbe probe = new ProofOfWorkProbe(TestSecrets.random(32), maxNumber, Duration.ofMinutes(5), 10_000_000);

        String payload = AltchaSolver.payload(BrokerHarness.JSON.readTree(probe.challengeJson()));
        rate(probe::issue, seconds / 3);
        System.out.printf("max-number=%d%n", maxNumber);
        System.out.printf("challenges issued: %.0f/s%n", rate(probe::issue, seconds));
        System.out.printf("payloads verified (stateless checks): %.0f/s%n", rate(() -> probe.verify(payload), seconds));
        int[] counter = {0};
        System.out.printf("accepted payloads remembered (replay store): %.0f/s%n",
                rate(() -> probe.remember("challenge-" + counter[0]++) ? 1 : 0, seconds));
        System.out.printf("Java solve (tests' solver): mean %.1f ms over %d challenges%n", meanSolveMillis(probe, solves), solves);
        if ("widget".equals(arg(args, 3, ""))) {
            widgetSolveTime(maxNumber, solves);
        }
    }

    /** The stock widget in headless Chromium against a broker of this JVM; the script prints its own figures. */
    private static void widgetSolveTime(long maxNumber, int solves) throws Exception {
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                Map.of("broker.pow.enabled", true, "broker.pow.hmac-key", TestSecrets.random(32),
                        "broker.pow.max-number", maxNumber,
                        // Outside the test environment the default limits apply: 30 mints per 10 minutes from 127.0.0.1.
                        "broker.rate-limit.enabled", false))) {
            Process node = new ProcessBuilder("node", "widget-solve-time.mjs", broker.uri("").toString(),
                    Integer.toString(solves)).directory(new File("src/test/node/altcha")).inheritIO().start();
            System.out.printf("widget-solve-time.mjs exited with %d%n", node.waitFor());
        }
    }

    private static double rate(IntSupplier operation, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        int sink = 0;
        while (System.nanoTime() - deadline < 0) {
            for (int i = 0; i < 100; i++) {
                sink += operation.getAsInt();
            }
            count += 100;
        }
        if (sink == 42) {
            System.out.print("");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double meanSolveMillis(ProofOfWorkProbe probe, int solves) throws Exception {
        long total = 0;
        for (int i = 0; i < solves; i++) {
            JsonNode challenge = BrokerHarness.JSON.readTree(probe.challengeJson());
            long start = System.nanoTime();
            AltchaSolver.solve(challenge.get("salt").asText(), challenge.get("challenge").asText(), challenge.get("maxnumber").asLong());
            total += System.nanoTime() - start;
        }
        return total / 1e6 / solves;
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }
}
