package dev.anonbroker.emulator;

/**
 * Which GoTrue the emulator plays. The emulator keeps its own enum: it imports nothing from the broker.
 */
public enum EmulatorFlavor {
    NETLIFY,
    SUPABASE;

    static EmulatorFlavor parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
