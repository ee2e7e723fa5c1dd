package dev.anonbroker.bench.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anonbroker.support.BackendCalls;
import dev.anonbroker.support.TestSecrets;
import dev.anonbroker.token.support.TestKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Issue 13's scale-out benchmark: one {@code redis-server} and, for each of the options' instance counts n, n broker
 * processes on it ({@code REDIS_URI}, one JWK set, one issuer, one backend client) in front of one emulator process.
 * The load generator balances on the client side: every request goes to the next instance in turn (round-robin), so
 * a session minted on one instance is refreshed and introspected on others. For each n it measures
 * {@code /anon-session} directly and from the warm pool, {@code /anon-session/refresh} and {@code /introspect}
 * under the {@link ClosedLoop}, with the brokers' and Redis's CPU time per request, and counts the Redis calls per
 * mint, refresh and introspection from {@code INFO commandstats} around a known number of requests.
 */
final class ScaleOutScenario {

    static final String ISSUER = "https://broker.scale-out.bench.invalid";
    private static final int COUNTED_REQUESTS = 200;
    private static final int COUNTING_CONCURRENCY = 16;
    private static final int INTROSPECTED_TOKENS = 64;
    private static final int POOL_VISITORS = PoolScenario.VISITORS;
    private static final int POOL_WARMUP_ROUNDS = 2;
    private static final Duration ROUND_CAP = Duration.ofMinutes(2);
    private static final Duration POOL_FILLS = Duration.ofMinutes(2);
    private static final Duration REDIS_CONNECTS = Duration.ofSeconds(30);
    /**
     * The product's rate limits, in Redis, with the limits that one generator's addresses would exhaust lifted: the
     * mint budget and the per-network limits (every visitor address here is in a few /24s). Per-IP limits keep their
     * defaults; each visit comes from an address of its own.
     */
    private static final Map<String, String> RATE_LIMITS_ON = Map.of("BROKER_RATE_LIMIT_ENABLED", "true",
            "BROKER_RATE_LIMIT_MINT_BUDGET", "1000000/1s", "BROKER_RATE_LIMIT_ANON_SESSION_PER_NETWORK", "1000000/10m",
            "BROKER_RATE_LIMIT_REFRESH_PER_NETWORK", "1000000/10m");

    private final BenchOptions options;
    private final SessionScenarios sessions;
    private final Report report;
    private final ObjectNode details;

    ScaleOutScenario(BenchOptions options, SessionScenarios sessions, Report report) {
        this.options = options;
        this.sessions = sessions;
        this.report = report;
        this.details = report.details().putObject("scale_out");
        details.put("balancing", "client-side round-robin over the instances, from one load generator");
    }

    /** {@code gotrue}: netlify at the run's latency; {@code poolGotrue}: netlify at the pool latency, unlimited. */
    void run(EmulatorProcess gotrue, EmulatorProcess poolGotrue) throws Exception {
        String jwks = TestKeys.jwks(TestKeys.ec("scale-out"));
        String backendSecret = TestSecrets.random(32);
        try (RedisProcess redis = RedisProcess.start(options)) {
            for (int n : options.scaleOutInstances()) {
                ObjectNode figures = details.putObject(n + (n == 1 ? " instance" : " instances"));
                redis.command("FLUSHALL");
                try (Instances brokers = Instances.start(options, gotrue, n, redis, jwks, backendSecret, Map.of(),
                        "")) {
                    ClosedLoop.burst(options.scaleOutVisitors(), brokers.jitWarmup(options), Integer.MAX_VALUE,
                            brokers.mintVisit(), 0);
                    countCalls(redis, brokers, figures, "redis_calls_per_request", true);
                    Processes machine = new Processes(redis, gotrue);
                    measure(machine, brokers, "/anon-session", "direct", brokers.mintVisit(), figures);
                    measure(machine, brokers, "/anon-session/refresh", "", brokers.refreshVisit(
                            brokers.refreshTokens(2 * options.scaleOutVisitors())), figures);
                    measure(machine, brokers, "/introspect", "", brokers.introspectVisit(
                            brokers.accessTokens(INTROSPECTED_TOKENS)), figures);
                    figures.put("redis_keys_after", redis.keys());
                }
                redis.command("FLUSHALL");
                try (Instances brokers = Instances.start(options, gotrue, n, redis, jwks, backendSecret,
                        RATE_LIMITS_ON, ", limits on")) {
                    countCalls(redis, brokers, figures, "redis_calls_per_request_rate_limits_on", false);
                }
                redis.command("FLUSHALL");
                pool(redis, poolGotrue, n, jwks, backendSecret, figures);
            }
        }
    }

    /** One ClosedLoop point with the CPU time of every process over its measured pass. */
    private void measure(Processes machine, Instances brokers, String path, String kind, Visit visit,
                         ObjectNode figures) throws Exception {
        CpuTimes[] before = new CpuTimes[1];
        LoadResult load = ClosedLoop.run(options.scaleOutVisitors(), options.warmup(), options.duration(), visit,
                () -> before[0] = machine.cpu(brokers));
        CpuTimes cpu = machine.cpu(brokers).minus(before[0]);
        String setting = brokers.setting() + (kind.isEmpty() ? "" : ", " + kind);
        sessions.addRow(path, setting, load, "-", brokers.balancing() + "; " + cpu.text(load));
        cpu.put(figures.putObject(path + (kind.isEmpty() ? "" : " " + kind)), load);
    }

    /** Redis calls per mint, refresh and introspection, each over {@value #COUNTED_REQUESTS} requests. */
    private void countCalls(RedisProcess redis, Instances brokers, ObjectNode figures, String key,
                            boolean introspection) throws Exception {
        ObjectNode perRequest = figures.putObject(key);
        callsRow(brokers, "mint", counted(redis, COUNTED_REQUESTS, brokers::mintOnce), perRequest);
        List<String> refreshTokens = brokers.refreshTokens(COUNTED_REQUESTS);
        AtomicInteger nextRefresh = new AtomicInteger();
        callsRow(brokers, "refresh", counted(redis, COUNTED_REQUESTS,
                () -> brokers.refreshOnce(refreshTokens.get(nextRefresh.getAndIncrement()))), perRequest);
        if (!introspection) {
            return;
        }
        List<String> accessTokens = brokers.accessTokens(INTROSPECTED_TOKENS);
        AtomicInteger nextIntrospection = new AtomicInteger();
        callsRow(brokers, "introspect", counted(redis, COUNTED_REQUESTS, () -> brokers.introspectOnce(
                accessTokens.get(nextIntrospection.getAndIncrement() % accessTokens.size()))), perRequest);
    }

    /**
     * Redis commands per request over a known number of requests: all of them as {@code INFO commandstats} counts
     * them (a Lua script's commands included), and from {@code MONITOR} the round trips (commands a broker sent)
     * apart from the commands run inside scripts.
     */
    record Calls(Map<String, Double> commandStats, Map<String, Double> roundTrips, Map<String, Double> inScripts) {

        static double total(Map<String, Double> calls) {
            return calls.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        static String list(Map<String, Double> calls) {
            return calls.isEmpty() ? "none" : calls.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + Report.number(entry.getValue(), 2))
                    .collect(Collectors.joining(", "));
        }
    }

    private void callsRow(Instances brokers, String what, Calls calls, ObjectNode perRequest) {
        report.add(new Report.Row("Redis calls", brokers.setting() + ", per " + what, COUNTED_REQUESTS + " req",
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "-", String.format(Locale.ROOT,
                "round trips %s (%s); inside Lua scripts %s (%s); INFO commandstats %s in all",
                Report.number(Calls.total(calls.roundTrips()), 2), Calls.list(calls.roundTrips()),
                Report.number(Calls.total(calls.inScripts()), 2), Calls.list(calls.inScripts()),
                Report.number(Calls.total(calls.commandStats()), 2))));
        ObjectNode node = perRequest.putObject(what);
        ObjectNode stats = node.putObject("commandstats");
        calls.commandStats().forEach(stats::put);
        stats.put("total", Calls.total(calls.commandStats()));
        ObjectNode trips = node.putObject("round_trips");
        calls.roundTrips().forEach(trips::put);
        trips.put("total", Calls.total(calls.roundTrips()));
        ObjectNode scripts = node.putObject("inside_scripts");
        calls.inScripts().forEach(scripts::put);
        scripts.put("total", Calls.total(calls.inScripts()));
    }

    /**
     * Runs {@code requests} requests, {@value #COUNTING_CONCURRENCY} at a time, each of which must succeed, and
     * returns Redis's commands per request over them.
     */
    private static Calls counted(RedisProcess redis, int requests, Callable<Void> request) throws Exception {
        Map<String, Long> before = redis.commandCalls();
        RedisMonitor monitor = redis.monitor();
        ExecutorService pool = Executors.newFixedThreadPool(COUNTING_CONCURRENCY);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                done.add(pool.submit(request));
            }
            for (Future<Void> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
        RedisMonitor.Counts seen = monitor.stop();
        Map<String, Long> after = redis.commandCalls();
        Map<String, Long> delta = new TreeMap<>();
        after.forEach((command, calls) -> delta.put(command, calls - before.getOrDefault(command, 0L)));
        return new Calls(perRequest(delta, requests), perRequest(seen.fromClients(), requests),
                perRequest(seen.fromScripts(), requests));
    }

    private static Map<String, Double> perRequest(Map<String, Long> calls, int requests) {
        Map<String, Double> perRequest = new TreeMap<>();
        calls.forEach((command, count) -> {
            if (count > 0) {
                perRequest.put(command, count / (double) requests);
            }
        });
        return perRequest;
    }

    /**
     * {@code /anon-session} from the instances' warm pools (each its own, {@code --pool-size} members) at
     * {@value #POOL_VISITORS} visitors, in rounds of n times the pool size visits from full pools, as in
     * {@link PoolScenario}; round-robin gives each instance its pool's worth.
     */
    private void pool(RedisProcess redis, EmulatorProcess poolGotrue, int n, String jwks, String backendSecret,
                      ObjectNode figures) throws Exception {
        Map<String, String> environment = Map.of("BROKER_POOL_SIZE", Integer.toString(options.poolSize()),
                "BROKER_POOL_REFILL_LIMIT", "1000000", "BROKER_POOL_REFILL_CONCURRENCY", "8");
        try (Instances brokers = Instances.start(options, poolGotrue, n, redis, jwks, backendSecret, environment,
                ", pool")) {
            awaitFullPools(brokers);
            Visit visit = brokers.mintVisit();
            ClosedLoop.burst(POOL_VISITORS, brokers.jitWarmup(options), Integer.MAX_VALUE, visit, 0);
            int visitsEach = Math.max(1, n * options.poolSize() / POOL_VISITORS);
            LoadResult warm = null;
            for (int i = 0; i < POOL_WARMUP_ROUNDS; i++) {
                awaitFullPools(brokers);
                LoadResult round = ClosedLoop.burst(POOL_VISITORS, ROUND_CAP, visitsEach, visit, 0);
                warm = warm == null ? round : warm.plus(round);
            }
            long interval = ClosedLoop.expectedInterval(warm);
            double hitsBefore = brokers.counter("broker_pool_hits_total");
            double missesBefore = brokers.counter("broker_pool_misses_total");
            Processes machine = new Processes(redis, poolGotrue);
            LoadResult measured = null;
            CpuTimes cpu = CpuTimes.NONE;
            for (int i = 0; i < options.poolRounds(); i++) {
                awaitFullPools(brokers);
                CpuTimes before = machine.cpu(brokers);
                LoadResult round = ClosedLoop.burst(POOL_VISITORS, ROUND_CAP, visitsEach, visit, interval);
                cpu = cpu.plus(machine.cpu(brokers).minus(before));
                measured = measured == null ? round : measured.plus(round);
            }
            long hits = (long) (brokers.counter("broker_pool_hits_total") - hitsBefore);
            long misses = (long) (brokers.counter("broker_pool_misses_total") - missesBefore);
            awaitFullPools(brokers);
            Map<String, Long> before = redis.commandCalls();
            LoadResult counted = ClosedLoop.burst(POOL_VISITORS, ROUND_CAP, visitsEach, visit, 0);
            Map<String, Long> after = redis.commandCalls();
            long callsInRound = after.entrySet().stream()
                    .mapToLong(entry -> entry.getValue() - before.getOrDefault(entry.getKey(), 0L)).sum();
            double callsPerVisit = callsInRound / (double) Math.max(1, counted.successes());
            String setting = "scale-out " + n + " inst., warm pool " + options.poolSize();
            sessions.addRow("/anon-session", setting, measured, "-",
                    String.format(Locale.ROOT, "%s; %d rounds of %d visits from full pools, per s within them; pool"
                            + " hits %d, misses %d; %s; Redis calls per visit %.2f (refills during the round"
                            + " included)", brokers.balancing(), options.poolRounds(), visitsEach * POOL_VISITORS,
                            hits, misses, cpu.text(measured), callsPerVisit));
            ObjectNode node = figures.putObject("/anon-session warm pool");
            cpu.put(node, measured);
            node.put("pool_hits", hits).put("pool_misses", misses).put("redis_calls_per_visit", callsPerVisit)
                    .put("pool_latency_ms", options.poolLatency().toMillis());
        }
    }

    private void awaitFullPools(Instances brokers) throws IOException {
        long start = System.nanoTime();
        for (BrokerProcess broker : brokers.all()) {
            while (true) {
                OptionalDouble size = SessionScenarios.sample(broker.prometheus(), "broker_pool_size");
                if (size.isPresent() && size.getAsDouble() >= options.poolSize()) {
                    break;
                }
                if (System.nanoTime() - start > POOL_FILLS.toNanos()) {
                    throw new IllegalStateException(broker.name() + "'s warm pool did not fill to "
                            + options.poolSize() + " within " + POOL_FILLS.toSeconds() + " s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    /** The processes besides the brokers whose CPU time counts: Redis, the emulator and this generator. */
    private record Processes(RedisProcess redis, EmulatorProcess gotrue) {

        CpuTimes cpu(Instances brokers) {
            try {
                return new CpuTimes(brokers.cpuSeconds(), gotrue.cpuSeconds(), redis.cpuSeconds(),
                        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime() / 1e9);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** CPU seconds, user plus system, of all the brokers, the emulator, Redis and the load generator. */
    private record CpuTimes(double brokers, double emulator, double redis, double generator) {

        static final CpuTimes NONE = new CpuTimes(0, 0, 0, 0);

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(brokers - earlier.brokers, emulator - earlier.emulator, redis - earlier.redis,
                    generator - earlier.generator);
        }

        CpuTimes plus(CpuTimes other) {
            return new CpuTimes(brokers + other.brokers, emulator + other.emulator, redis + other.redis,
                    generator + other.generator);
        }

        /** Per successful request of {@code load}, and the share of the machine's cores all four kept busy. */
        String text(LoadResult load) {
            double requests = Math.max(1, load.successes());
            double busy = (brokers + emulator + redis + generator)
                    / (load.seconds() * Runtime.getRuntime().availableProcessors());
            return String.format(Locale.ROOT, "CPU per request: brokers %.2f ms, emulator %.2f ms, Redis %.0f us,"
                            + " generator %.2f ms; cores %.0f %% busy", brokers * 1e3 / requests,
                    emulator * 1e3 / requests, redis * 1e6 / requests, generator * 1e3 / requests, busy * 100);
        }

        void put(ObjectNode node, LoadResult load) {
            double requests = Math.max(1, load.successes());
            node.put("per_s", load.throughput()).put("p50_ms", load.percentileMs(50))
                    .put("p99_ms", load.percentileMs(99)).put("successes", load.successes())
                    .put("broker_cpu_ms_per_request", brokers * 1e3 / requests)
                    .put("emulator_cpu_ms_per_request", emulator * 1e3 / requests)
                    .put("redis_cpu_us_per_request", redis * 1e6 / requests)
                    .put("generator_cpu_ms_per_request", generator * 1e3 / requests)
                    .put("cores_busy", (brokers + emulator + redis + generator)
                            / (load.seconds() * Runtime.getRuntime().availableProcessors()));
        }
    }

    /** n broker processes on one Redis, one JWK set, one issuer and one backend client, and round-robin over them. */
    private static final class Instances implements AutoCloseable {

        private final List<BrokerProcess> brokers;
        private final String variant;
        private final AtomicInteger next = new AtomicInteger();

        private Instances(List<BrokerProcess> brokers, String variant) {
            this.brokers = brokers;
            this.variant = variant;
        }

        /** {@code variant}: what sets these brokers apart, for the table ("" or ", limits on"). */
        static Instances start(BenchOptions options, EmulatorProcess gotrue, int n, RedisProcess redis, String jwks,
                               String backendSecret, Map<String, String> extra, String variant) throws IOException {
            Map<String, String> environment = new java.util.HashMap<>(extra);
            environment.put("REDIS_URI", redis.uri());
            environment.put("BROKER_SIGNING_JWKS", jwks);
            environment.put("BROKER_ISSUER", ISSUER);
            List<BrokerProcess> started = new ArrayList<>();
            Instances instances = new Instances(started, variant);
            try {
                for (int i = 1; i <= n; i++) {
                    String name = "broker-scale-out-" + n + "-" + i + variant.replaceAll("[^a-z]+", "-");
                    started.add(BrokerProcess.start(options, gotrue, "signup", environment, name, backendSecret));
                }
                for (BrokerProcess broker : started) {
                    awaitRedis(broker);
                }
            } catch (IOException | RuntimeException e) {
                instances.close();
                throw e;
            }
            return instances;
        }

        /**
         * One mint at a time until one answers 200: proof that the broker reaches Redis (a broker that cannot answers
         * 503 {@code shared-state-unavailable}), so that no point measures a broker that does not.
         */
        private static void awaitRedis(BrokerProcess broker) throws IOException {
            long deadline = System.nanoTime() + REDIS_CONNECTS.toNanos();
            int last = 0;
            while (System.nanoTime() - deadline < 0) {
                try {
                    last = Http.post(broker.url("/anon-session"), null, null, "X-Forwarded-For", Visitors.nextIp())
                            .statusCode();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (last == 200) {
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            throw new IOException(broker.name() + " did not mint within " + REDIS_CONNECTS.toSeconds()
                    + " s of its start (last answer " + last + "); see its log");
        }

        List<BrokerProcess> all() {
            return brokers;
        }

        /** {@code --jit-warmup} for each instance: round-robin gives each a share, so n instances get n times it. */
        Duration jitWarmup(BenchOptions options) {
            return options.jitWarmup().multipliedBy(brokers.size());
        }

        String setting() {
            return "scale-out " + brokers.size() + " inst." + variant;
        }

        String balancing() {
            return brokers.size() == 1 ? "1 instance" : "round-robin over " + brokers.size();
        }

        /** The next instance in turn. */
        BrokerProcess next() {
            return brokers.get(Math.floorMod(next.getAndIncrement(), brokers.size()));
        }

        double cpuSeconds() {
            return brokers.stream().mapToDouble(BrokerProcess::cpuSeconds).sum();
        }

        /** A counter summed over the instances' scrapes. */
        double counter(String name) throws IOException {
            double sum = 0;
            for (BrokerProcess broker : brokers) {
                sum += SessionScenarios.sample(broker.prometheus(), name).orElse(0);
            }
            return sum;
        }

        Visit mintVisit() {
            return () -> Visit.Outcome.of(mint());
        }

        private HttpResponse<String> mint() throws IOException, InterruptedException {
            return Http.post(next().url("/anon-session"), null, null, "X-Forwarded-For", Visitors.nextIp());
        }

        /**
         * Refreshes with the oldest token of a queue all visitors share and queues the {@code refresh_token} of each
         * 200 answer; each refresh goes to the next instance, whichever minted the session.
         */
        Visit refreshVisit(List<String> tokens) {
            ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(tokens);
            return () -> {
                String token = queue.poll();
                if (token == null) {
                    throw new IllegalStateException("no refresh token left");
                }
                HttpResponse<String> response = refresh(token);
                if (response.statusCode() == 200) {
                    queue.add(Http.json(response).get("refresh_token").asText());
                }
                return Visit.Outcome.of(response);
            };
        }

        private HttpResponse<String> refresh(String token) throws IOException, InterruptedException {
            return Http.post(next().url("/anon-session/refresh"), "application/json",
                    Http.JSON.createObjectNode().put("refresh_token", token).toString(), "X-Forwarded-For",
                    Visitors.nextIp());
        }

        Visit introspectVisit(List<String> tokens) {
            AtomicInteger nextToken = new AtomicInteger();
            return () -> Visit.Outcome.of(introspect(tokens.get(Math.floorMod(nextToken.getAndIncrement(),
                    tokens.size()))));
        }

        private HttpResponse<String> introspect(String token) throws IOException, InterruptedException {
            BrokerProcess broker = next();
            return Http.post(broker.url("/introspect"), BackendCalls.FORM, BackendCalls.form(token), "Authorization",
                    broker.backendAuthorization());
        }

        Void mintOnce() throws Exception {
            require(mint(), "minting a session");
            return null;
        }

        Void refreshOnce(String token) throws Exception {
            require(refresh(token), "refreshing a session");
            return null;
        }

        /** Introspects on the next instance; the token, minted on any instance, must be active. */
        Void introspectOnce(String token) throws Exception {
            HttpResponse<String> response = introspect(token);
            require(response, "introspecting a token");
            if (!Http.json(response).path("active").asBoolean()) {
                throw new IOException("introspection of a live token minted on another instance said inactive");
            }
            return null;
        }

        List<String> refreshTokens(int count) throws Exception {
            return sessions(count).stream().map(session -> session.get("refresh_token").asText()).toList();
        }

        List<String> accessTokens(int count) throws Exception {
            return sessions(count).stream().map(session -> session.get("access_token").asText()).toList();
        }

        /** {@code count} sessions minted round-robin, 16 at a time; every mint must answer 200. */
        private List<JsonNode> sessions(int count) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(COUNTING_CONCURRENCY);
            try {
                List<Future<JsonNode>> answers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    answers.add(pool.submit(() -> Http.json(require(mint(), "minting a session"))));
                }
                List<JsonNode> sessions = new ArrayList<>();
                for (Future<JsonNode> answer : answers) {
                    sessions.add(answer.get());
                }
                return sessions;
            } finally {
                pool.shutdownNow();
            }
        }

        private static HttpResponse<String> require(HttpResponse<String> response, String what) throws IOException {
            if (response.statusCode() != 200) {
                throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        }

        @Override
        public void close() {
            brokers.forEach(BrokerProcess::close);
        }
    }
}
