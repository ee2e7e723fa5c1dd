package dev.anonbroker.emulator.contract;

import java.util.Locale;

/** The GoTrue flavor under test, tagged as in src/main/docs/guide/gotrue-compatibility.md: N = netlify/gotrue, S =
 * supabase/auth. */
enum Flavor {
    NETLIFY("N"),
    SUPABASE("S");

    private final String tag;

    Flavor(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    static Flavor parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "netlify", "n" -> NETLIFY;
            case "supabase", "s" -> SUPABASE;
            default -> throw new IllegalArgumentException("unknown GoTrue flavor '" + text + "': use netlify or supabase");
        };
    }
}
