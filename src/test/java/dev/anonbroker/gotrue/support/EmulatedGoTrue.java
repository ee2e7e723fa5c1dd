package dev.anonbroker.gotrue.support;

import dev.anonbroker.emulator.EmulatorOptions;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueFlavor;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * An emulator of one flavor plus a Micronaut context whose real {@link GoTrueClient} bean talks to it.
 * Closing stops both.
 */
public final class EmulatedGoTrue implements AutoCloseable {

    private final GoTrueEmulator emulator;
    private final ApplicationContext context;

    private EmulatedGoTrue(GoTrueEmulator emulator, ApplicationContext context) {
        this.emulator = emulator;
        this.context = context;
    }

    /** Starts {@code options}' emulator and a context pointed at it, with {@code extra} {@code broker.gotrue.*} settings. */
    public static EmulatedGoTrue start(GoTrueFlavor flavor, EmulatorOptions options, Map<String, Object> extra) {
        GoTrueEmulator emulator = GoTrueEmulator.start(options);
        try {
            return new EmulatedGoTrue(emulator, context(flavor, emulator.baseUrl(), extra));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** A context whose GoTrue client talks to {@code baseUrl}. */
    public static ApplicationContext context(GoTrueFlavor flavor, String baseUrl, Map<String, Object> extra) {
        Map<String, Object> properties = TestGoTrue.properties(flavor, baseUrl);
        properties.putAll(extra);
        return ApplicationContext.run(properties);
    }

    public GoTrueEmulator emulator() {
        return emulator;
    }

    public ApplicationContext context() {
        return context;
    }

    public GoTrueClient client() {
        return context.getBean(GoTrueClient.class);
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            emulator.close();
        }
    }
}
