package dev.anonbroker.bench.perf;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark command (src/main/docs/guide/benchmarks.md, "The benchmark command"): starts the emulator and the
 * broker as separate processes, drives load, prints one table with the target checks, and writes it to
 * {@code <out>/results.json}. Prints figures; asserts nothing; never part of the tests. Every process it started is
 * stopped at the end, also when it fails.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        if (!Files.isRegularFile(options.jar())) {
            System.err.println("bench: no broker jar at " + options.jar() + ": run mvn -B package -DskipTests first");
            System.exit(2);
        }
        Report report;
        try (BenchRun run = new BenchRun(options)) {
            report = run.run();
        }
        report.print(System.out);
        Path results = options.out().resolve("results.json");
        report.write(results);
        System.out.println("written to " + results.toAbsolutePath());
        System.exit(0);
    }
}
