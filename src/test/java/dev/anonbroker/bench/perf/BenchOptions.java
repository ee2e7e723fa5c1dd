package dev.anonbroker.bench.perf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark command's arguments, each {@code --name value}. See src/main/docs/guide/benchmarks.md, "The benchmark
 * command".
 */
record BenchOptions(Path jar, Duration duration, Duration warmup, Duration jitWarmup, List<Integer> concurrencies,
                    List<Integer> connections, int bcryptCost, Duration latency, Duration poolLatency, int poolSize,
                    int poolRounds, List<Integer> scaleOutInstances, int scaleOutVisitors,
                    Set<String> scenarios, List<String> modes, boolean localVerification, int soakMinutes, Path out) {

    static final List<String> SCENARIOS = List.of("forum", "session", "pool", "introspect", "refresh", "jwks",
            "verify", "scale-out", "soak");
    /** Run only when asked for: the soak takes minutes, the scale-out starts a Redis and up to three brokers. */
    private static final List<String> NOT_BY_DEFAULT = List.of("scale-out", "soak");
    static final List<String> ALL_MODES = List.of("netlify:signup", "netlify:admin-create", "supabase:signup",
            "supabase:admin-create", "supabase:anonymous");

    static final String USAGE = String.join("\n",
            "Usage: BenchCommand [--name value]...",
            "  --jar PATH              the broker jar (default $ANON_BROKER_JAR, else target/anon-broker-0.1.0.jar)",
            "  --duration D            measured time per point, e.g. 10s, 500ms, 2m (default 10s)",
            "  --warmup D              unmeasured load before each point (default 3s)",
            "  --jit-warmup D          unmeasured load at the highest concurrency once per broker, before its first",
            "                          point, so that points measure compiled code as a running broker has (default 20s)",
            "  --concurrency LIST      visitors at once for /anon-session and the forum (default 1,16,64,256)",
            "  --connections LIST      wrk connections for /introspect, refresh and JWKS (default 8,256)",
            "  --bcrypt-cost N         the emulator's bcrypt cost (default 4)",
            "  --latency-ms N          latency the emulator adds to every GoTrue call (default 20)",
            "  --pool-latency-ms N     that latency for the warm-pool scenario (default 100)",
            "  --pool-size N           BROKER_POOL_SIZE of the warm-pool scenario (default 64)",
            "  --pool-rounds N         measured rounds of pool-size visits from a full pool (default 5)",
            "  --scenarios LIST        any of " + String.join(",", SCENARIOS) + " (default all but scale-out and soak)",
            "  --scale-out-instances LIST  scale-out: broker instances on one redis-server, in turn (default 1,2,3)",
            "  --scale-out-visitors N  scale-out: visitors (or backend connections) at once, spread round-robin over",
            "                          the instances; the warm pool's point uses 16 (default 64)",
            "  --modes LIST            flavor:mode pairs for /anon-session (default all five)",
            "  --local-verification    give the broker GoTrue's JWT secret (default: it verifies with GET /user)",
            "  --soak-minutes N        also run /anon-session at 16 visitors this long, RSS each minute (default 0)",
            "  --out DIR               results.json and logs (default target/bench)");

    static BenchOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--local-verification") || name.equals("--help")) {
                values.put(name.substring(2), "true");
            } else if (name.startsWith("--") && i + 1 < args.length) {
                values.put(name.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + name + "'");
            }
        }
        if (values.containsKey("help")) {
            return null;
        }
        int soak = positive(values.getOrDefault("soak-minutes", "0"), "soak-minutes", true);
        List<String> scenarios = list(values.getOrDefault("scenarios", String.join(",",
                SCENARIOS.stream().filter(scenario -> !NOT_BY_DEFAULT.contains(scenario)).toList())));
        for (String scenario : scenarios) {
            require(SCENARIOS.contains(scenario), "unknown scenario '" + scenario + "'");
        }
        Set<String> chosen = new java.util.LinkedHashSet<>(scenarios);
        if (soak > 0) {
            chosen.add("soak");
        }
        List<String> modes = list(values.getOrDefault("modes", String.join(",", ALL_MODES)));
        for (String mode : modes) {
            require(ALL_MODES.contains(mode), "unknown flavor:mode '" + mode + "'");
        }
        Path out = Path.of(values.getOrDefault("out", "target/bench"));
        return new BenchOptions(jar(values.get("jar")), duration(values.getOrDefault("duration", "10s")),
                duration(values.getOrDefault("warmup", "3s")), duration(values.getOrDefault("jit-warmup", "20s")),
                ints(values.getOrDefault("concurrency", "1,16,64,256"), "concurrency"),
                ints(values.getOrDefault("connections", "8,256"), "connections"),
                positive(values.getOrDefault("bcrypt-cost", "4"), "bcrypt-cost", false),
                Duration.ofMillis(positive(values.getOrDefault("latency-ms", "20"), "latency-ms", true)),
                Duration.ofMillis(positive(values.getOrDefault("pool-latency-ms", "100"), "pool-latency-ms", true)),
                positive(values.getOrDefault("pool-size", "64"), "pool-size", false),
                positive(values.getOrDefault("pool-rounds", "5"), "pool-rounds", false),
                ints(values.getOrDefault("scale-out-instances", "1,2,3"), "scale-out-instances"),
                positive(values.getOrDefault("scale-out-visitors", "64"), "scale-out-visitors", false), chosen, modes,
                values.containsKey("local-verification"), soak, out);
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    Path logs() {
        return out.resolve("logs");
    }

    /** Generated per-run files (backend-client YAML, token lists for wrk); removed at the end. */
    Path work() {
        return out.resolve("work");
    }

    /** The java of this JVM, so the servers run on the same JDK. */
    String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path jar(String given) {
        String fromEnvironment = System.getenv("ANON_BROKER_JAR");
        Path jar = Path.of(given != null ? given
                : fromEnvironment != null ? fromEnvironment : "target/anon-broker-0.1.0.jar");
        return jar.toAbsolutePath();
    }

    static Duration duration(String text) {
        String value = text.strip();
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write 500ms, 10s or 2m)");
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> ints(String text, String name) {
        return list(text).stream().map(value -> positive(value, name, false)).toList();
    }

    private static int positive(String text, String name, boolean zeroAllowed) {
        try {
            int value = Integer.parseInt(text.strip());
            require(value > 0 || zeroAllowed && value == 0, "--" + name + " must be positive, not " + text);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + text + "'");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
