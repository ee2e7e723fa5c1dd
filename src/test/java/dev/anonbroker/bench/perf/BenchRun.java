package dev.anonbroker.bench.perf;

import dev.anonbroker.emulator.EmulatorFlavor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One benchmark run: the scenarios the options select, in turn, each against fresh broker processes in front of
 * emulator processes (one emulator per flavor and latency, shared by the brokers in front of it).
 */
final class BenchRun implements AutoCloseable {


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
                sessions.forum(emulator(EmulatorFlavor.NETLIFY, options.latency(), true), "netlify", concurrency);
            }
        }
        if (options.runs("pool")) {
            new PoolScenario(options, sessions).run(emulator(EmulatorFlavor.NETLIFY, options.poolLatency(), false),
                    figures);
        }
        if (options.runs("scale-out")) {
            new ScaleOutScenario(options, sessions, report).run(
                    emulator(EmulatorFlavor.NETLIFY, options.latency(), true),
                    emulator(EmulatorFlavor.NETLIFY, options.poolLatency(), false));
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
            EmulatorProcess gotrue = emulator(flavor, options.latency(), true);
            try (BrokerProcess broker = BrokerProcess.start(options, gotrue, flavorMode[1], Map.of())) {
                figures.startups.add(broker.startup());
                figures.rssAfterStart.add(broker.rssAfterStart());
                if (options.runs("session")) {
                    sessions.warmUp(broker, Collections.max(options.concurrencies()));
                    for (int concurrency : options.concurrencies()) {
                        SessionScenarios.Point point = sessions.anonSession(broker, setting, concurrency);
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

    /** /anon-session at 16 visitors for the soak minutes, RSS after each minute. */
    private void soak() throws Exception {
        EmulatorProcess gotrue = emulator(EmulatorFlavor.NETLIFY, options.latency(), true);
        try (BrokerProcess broker = BrokerProcess.start(options, gotrue, "signup", Map.of())) {
            var perMinute = report.details().putArray("soak_rss_mb");
            LoadResult last = null;
            for (int minute = 1; minute <= options.soakMinutes(); minute++) {
                last = ClosedLoop.run(16, options.warmup(), Duration.ofMinutes(1),
                        SessionScenarios.anonSessionVisit(broker), () -> {
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

    private EmulatorProcess emulator(EmulatorFlavor flavor, Duration latency, boolean perVisitorLimits)
            throws IOException {
        String key = flavor + "@" + latency.toMillis() + (perVisitorLimits ? "" : " unlimited");
        EmulatorProcess existing = emulators.get(key);
        if (existing == null) {
            existing = EmulatorProcess.start(options, flavor, latency, perVisitorLimits);
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
