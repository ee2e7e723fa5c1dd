package dev.anonbroker.emulator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Bearer extraction: netlify {@code ^(?:B|b)earer (\S+$)}, supabase the same pattern case-insensitively. */
final class Bearer {

    private static final Pattern NETLIFY = Pattern.compile("^(?:B|b)earer (\\S+$)");
    private static final Pattern SUPABASE = Pattern.compile("(?i)^bearer (\\S+$)");

    private Bearer() {
    }

    static Optional<String> extract(Call call, EmulatorFlavor flavor) {
        String header = call.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = (flavor == EmulatorFlavor.NETLIFY ? NETLIFY : SUPABASE).matcher(header);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Netlify answers every missing or malformed bearer with this 401. */
    static ApiError netlifyMissing() {
        return ApiError.netlify(401, "This endpoint requires a Bearer token");
    }

    static ApiError supabaseMissing() {
        return ApiError.of(401, "no_authorization", "This endpoint requires a valid Bearer token");
    }
}
