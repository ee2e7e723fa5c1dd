package dev.anonbroker.bench.perf;

import dev.anonbroker.emulator.EmulatorFlavor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One benchmark run: the scenarios the options select, in turn, each against fresh broker processes in front of
 * emulator processes (one emulator per flavor and latency, shared by the brokers in front of it).
 */
final class BenchRun implements AutoCloseable {

    private static final Duration POOL_APPEARS = Duration.ofSeconds(10);
    private static final Duration POOL_FILLS = Duration.ofMinutes(2);

    private final BenchOptions options;
    private final Report report;
    private final Figures figures = new Figures();
    private final SessionScenarios sessions;
    private final BackendScenarios backends;
    private final Map<String, EmulatorProcess> emulators = new LinkedHashMap<>();

    BenchRun(BenchOptions options) {
        this.options = options;
        this.report = new Report(options);
        this.sessions = new SessionScenarios(options, report);
        this.backends = new BackendScenarios(options, report);
    }

    Report run() throws Exception {
        if (options.runs("verify")) {
            for (VerificationCost.Cost cost : VerificationCost.measure(options.warmup(), options.duration())) {
                report.add(new Report.Row("offline verify", cost.algorithm(), "1 thread", cost.perSecond(), Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, "-",
                        String.format(Locale.ROOT, "%.1f us per verification, one core", cost.microsPerOp())));
            }
        }
        brokers();
        if (options.runs("forum")) {
            for (int concurrency : options.concurrencies()) {
                sessions.forum(emulator(EmulatorFlavor.NETLIFY, options.latency()), "netlify", concurrency);
            }
        }
        if (options.runs("pool")) {
            pool();
        }
        if (options.runs("soak")) {
            soak();
        }
        Targets.judge(figures, report);
        return report;
    }

    /** For every flavor:mode a broker of its own: /anon-session at each concurrency, start time and RSS. */
    private void brokers() throws Exception {
        boolean backend = options.runs("introspect") || options.runs("refresh") || options.runs("jwks");
        for (int i = 0; i < options.modes().size(); i++) {
            String setting = options.modes().get(i);
            boolean primary = i == 0;
            if (!options.runs("session") && !(primary && backend)) {
                continue;
            }
            String[] flavorMode = setting.split(":");
            EmulatorFlavor flavor = EmulatorFlavor.valueOf(flavorMode[0].toUpperCase(Locale.ROOT));
            EmulatorProcess gotrue = emulator(flavor, options.latency());
            try (BrokerProcess broker = BrokerProcess.start(options, gotrue, flavorMode[1], Map.of())) {
                figures.startups.add(broker.startup());
                figures.rssAfterStart.add(broker.rssAfterStart());
                if (options.runs("session")) {
                    for (int concurrency : options.concurrencies()) {
                        SessionScenarios.Point point = sessions.anonSession(broker, setting, concurrency, () -> {
                        });
                        if (concurrency == 64) {
                            figures.overheadAt64.put(setting, point.overhead());
                        }
                    }
                }
                if (primary) {
                    backend(broker, setting);
                }
                report.add(new Report.Row("start and RSS", setting, "-", Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, "-", String.format(Locale.ROOT,
                        "first 200 %.2f s after process start; RSS %.0f MB after start, %.0f MB after its runs",
                        broker.startup().toMillis() / 1e3, broker.rssAfterStart(), broker.rssNow())));
            }
        }
    }

    private void backend(BrokerProcess broker, String setting) throws Exception {
        for (int connections : options.connections()) {
            if (options.runs("introspect")) {
                figures.introspect.put(connections, backends.introspect(broker, setting, connections).throughput());
            }
            if (options.runs("refresh")) {
                backends.refresh(broker, setting, connections);
            }
            if (options.runs("jwks")) {
                figures.jwks.put(connections, backends.jwks(broker, setting, connections).throughput());
            }
        }
    }

    /** /anon-session from a full warm pool at 16 visitors, and the forum's scheme at the same latency. */
    private void pool() throws Exception {
        EmulatorProcess gotrue = emulator(EmulatorFlavor.NETLIFY, options.poolLatency());
        String latency = options.poolLatency().toMillis() + " ms latency";
        try (BrokerProcess broker = BrokerProcess.start(options, gotrue, "signup",
                SessionScenarios.poolEnvironment(options.poolSize()))) {
            figures.poolBuilt = awaitFullPool(broker);
            String setting = figures.poolBuilt ? "pool " + options.poolSize() + ", " + latency
                    : "pool not built, " + latency;
            figures.pool = sessions.anonSession(broker, setting, 16, () -> {
                if (figures.poolBuilt) {
                    awaitFullPool(broker);
                }
            }).load();
        }
        figures.forumAtPoolLatency = sessions.forum(gotrue, "netlify, " + latency, 16);
    }

    /**
     * Waits until {@code broker_pool_size} reaches the pool size; false when the broker has no such gauge within
     * {@link #POOL_APPEARS} (no pool in this build).
     */
    private boolean awaitFullPool(BrokerProcess broker) {
        long start = System.nanoTime();
        try {
            while (System.nanoTime() - start < POOL_FILLS.toNanos()) {
                OptionalDouble size = SessionScenarios.gauge(broker, "broker_pool_size");
                if (size.isPresent() && size.getAsDouble() >= options.poolSize()) {
                    return true;
                }
                if (size.isEmpty() && System.nanoTime() - start > POOL_APPEARS.toNanos()) {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the warm pool did not fill to " + options.poolSize() + " within "
                + POOL_FILLS.toSeconds() + " s");
    }

    /** /anon-session at 16 visitors for the soak minutes, RSS after each minute. */
    private void soak() throws Exception {
        EmulatorProcess gotrue = emulator(EmulatorFlavor.NETLIFY, options.latency());
        try (BrokerProcess broker = BrokerProcess.start(options, gotrue, "signup", Map.of())) {
            var perMinute = report.details().putArray("soak_rss_mb");
            LoadResult last = null;
            for (int minute = 1; minute <= options.soakMinutes(); minute++) {
                last = ClosedLoop.run(16, options.warmup(), Duration.ofMinutes(1), () -> Visit.Outcome.of(
                        Http.post(broker.url("/anon-session"), null, null, "X-Forwarded-For", Visitors.nextIp())), () -> {
                        });
                figures.soakRss.add(broker.rssNow());
                perMinute.add(broker.rssNow());
            }
            report.add(new Report.Row("soak", "netlify:signup", "c=16", last.throughput(), last.percentileMs(50),
                    last.percentileMs(90), last.percentileMs(99), last.maxMs(), "-", String.format(Locale.ROOT,
                    "%d min; last minute shown; RSS %.0f MB after start, %.0f after minute 1, %.0f at the end",
                    options.soakMinutes(), broker.rssAfterStart(), figures.soakRss.get(0),
                    figures.soakRss.get(figures.soakRss.size() - 1))));
        }
    }

    private EmulatorProcess emulator(EmulatorFlavor flavor, Duration latency) throws IOException {
        String key = flavor + "@" + latency.toMillis();
        EmulatorProcess existing = emulators.get(key);
        if (existing == null) {
            existing = EmulatorProcess.start(options, flavor, latency);
            emulators.put(key, existing);
        }
        return existing;
    }

    /** Stops every emulator and removes the generated files, which hold the run's secrets and tokens. */
    @Override
    public void close() throws IOException {
        emulators.values().forEach(EmulatorProcess::close);
        Path work = options.work();
        if (Files.isDirectory(work)) {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
