package dev.anonbroker.emulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar anon-broker.jar emulator [options]}: runs a {@link GoTrueEmulator} until SIGTERM or SIGINT.
 * Prints where it listens; a generated JWT secret or operator token is printed once, since the user needs it;
 * nothing else secret is ever printed. Bad options: a message on stderr and exit code 2.
 */
public final class EmulatorCommand {

    static final int USAGE_ERROR = 2;

    private EmulatorCommand() {
    }

    public static void main(String[] args) {
        EmulatorArguments arguments = parseOrExit(args, System.out, System.err);
        GoTrueEmulator emulator = start(arguments, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "gotrue-emulator-shutdown"));
        awaitQuietly(stopped);
    }

    private static EmulatorArguments parseOrExit(String[] args, PrintStream out, PrintStream err) {
        Parsed parsed = parse(args, out, err);
        if (parsed.exitCode() >= 0) {
            System.exit(parsed.exitCode());
        }
        return parsed.arguments();
    }

    /**
     * Handles {@code --help} and bad options: returns the exit code to stop with, or -1 when the emulator should run.
     */
    static int check(String[] args, PrintStream out, PrintStream err) {
        return parse(args, out, err).exitCode();
    }

    /** The arguments to run with (exit code -1), or the exit code after printing usage or the error. */
    private record Parsed(EmulatorArguments arguments, int exitCode) {
    }

    private static Parsed parse(String[] args, PrintStream out, PrintStream err) {
        try {
            EmulatorArguments arguments = EmulatorArguments.parse(args);
            if (arguments.help()) {
                out.println(EmulatorArguments.USAGE);
                return new Parsed(null, 0);
            }
            return new Parsed(arguments, -1);
        } catch (IllegalArgumentException e) {
            err.println("emulator: " + e.getMessage());
            err.println("Try 'emulator --help'.");
            return new Parsed(null, USAGE_ERROR);
        }
    }

    /** Starts the emulator and prints the listening line, plus any generated secret once. */
    static GoTrueEmulator start(EmulatorArguments arguments, PrintStream out) {
        GoTrueEmulator emulator = GoTrueEmulator.start(arguments.options());
        arguments.faults().forEach(emulator::setFault);
        EmulatorOptions options = emulator.options();
        if (arguments.generatedSecret()) {
            out.println("Generated JWT secret (GOTRUE_JWT_SECRET): " + options.jwtSecret());
        }
        if (arguments.generatedOperatorToken()) {
            out.println("Generated operator token (GOTRUE_OPERATOR_TOKEN): " + options.operatorToken());
        }
        out.println("GoTrue emulator (" + options.flavor().name().toLowerCase(java.util.Locale.ROOT)
                + ") listening on " + emulator.baseUrl());
        out.flush();
        return emulator;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
