package dev.anonbroker.bench.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures of one run that the targets are judged on, filled in as the scenarios run. */
final class Figures {

    /** Overhead of {@code /anon-session} at 64 visitors, per flavor:mode. */
    final Map<String, SessionScenarios.Overhead> overheadAt64 = new LinkedHashMap<>();
    /** From the warm pool at 16 visitors; null when not run. */
    LoadResult pool;
    /** Whether the broker had a pool ({@code broker_pool_size}) to measure. */
    boolean poolBuilt;
    /** The forum's scheme against the same emulator, same visitors. */
    LoadResult forumAtPoolLatency;
    final Map<Integer, Double> introspect = new TreeMap<>();
    final Map<Integer, Double> jwks = new TreeMap<>();
    /** Process start to first 200, per broker started with the defaults (the pool broker excluded). */
    final List<Duration> startups = new ArrayList<>();
    final List<Double> rssAfterStart = new ArrayList<>();
    /** RSS at the end of each soak minute. */
    final List<Double> soakRss = new ArrayList<>();
}
