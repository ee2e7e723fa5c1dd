package dev.anonbroker.bench;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.support.BrokerHarness;
import dev.anonbroker.support.DpopProofs;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

/**
 * What a DPoP proof adds to {@code POST /anon-session/refresh}, the endpoint where it weighs most (no GoTrue call):
 * one broker, a bearer session and a bound one refreshing in turn, one request at a time, so that the JIT and the
 * machine's other load fall on both alike. Each bound refresh's proof is made before the clock starts; only the
 * request is timed. Prints p50, p90, p99 and the mean of each, and the p50 difference. Asserts nothing. Argument,
 * optional: rounds ({@code 2000}), after as many warm-up rounds.
 */
public final class DpopBenchmark {

    private DpopBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "2000");
        Map<String, Object> properties = Map.of("broker.rate-limit.enabled", "false", "broker.max-session-age", "1h");
        try (BrokerHarness broker = BrokerHarness.start(BrokerHarness.emulatorOptions(EmulatorFlavor.NETLIFY),
                properties)) {
            DpopProofs key = new DpopProofs();
            String[] bearer = {BrokerHarness.refreshTokenOf(broker.post("/anon-session", null))};
            String[] bound = {BrokerHarness.refreshTokenOf(broker.post("/anon-session", null, "DPoP",
                    key.proof(broker.uri("/anon-session"))))};
            run(broker, key, bearer, bound, rounds);
            long[][] timed = run(broker, key, bearer, bound, rounds);
            System.out.printf("refresh, %d rounds, one request at a time%n", rounds);
            double bearerMedian = report("bearer", timed[0]);
            double boundMedian = report("DPoP", timed[1]);
            System.out.printf("  DPoP adds %.3f ms at the median%n", boundMedian - bearerMedian);
        }
    }

    private static long[][] run(BrokerHarness broker, DpopProofs key, String[] bearer, String[] bound, int rounds) {
        long[][] nanos = new long[2][rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            HttpResponse<String> plain = broker.refresh(bearer[0]);
            nanos[0][i] = System.nanoTime() - start;
            bearer[0] = BrokerHarness.refreshTokenOf(plain);

            String proof = key.proof(broker.uri("/anon-session/refresh"));
            start = System.nanoTime();
            HttpResponse<String> withProof = broker.refresh(bound[0], "DPoP", proof);
            nanos[1][i] = System.nanoTime() - start;
            bound[0] = BrokerHarness.refreshTokenOf(withProof);
        }
        return nanos;
    }

    private static double report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1e6;
        System.out.printf("  %-7s p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, mean %.3f ms%n", name, p50,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                Arrays.stream(nanos).average().orElse(0) / 1e6);
        return p50;
    }
}
