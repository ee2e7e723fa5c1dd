package dev.anonbroker.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of {@link EmulatorCommand}: {@code --name value}, {@code --name=value}, or a bare
 * {@code --flag} for the boolean switches. Missing secrets are generated, and flagged so the command prints them.
 */
record EmulatorArguments(EmulatorOptions options, boolean help, boolean generatedSecret, boolean generatedOperatorToken,
                         Map<String, FaultRule> faults) {

    static final int DEFAULT_PORT = 9999;
    private static final Set<String> FLAGS = Set.of("disable-signup", "anonymous-users", "help");
    private static final Set<String> VALUED = Set.of("port", "flavor", "jwt-secret", "operator-token", "autoconfirm",
            "rate-limit-header", "jwt-exp", "jwt-aud", "bcrypt-cost", "faults");

    static final String USAGE = String.join("\n",
            "Usage: emulator [options]",
            "  --port N                 TCP port on 127.0.0.1 (default 9999, 0 = any free port)",
            "  --flavor netlify|supabase  which GoTrue to play (default netlify)",
            "  --jwt-secret SECRET      HS256 secret (default: generated and printed once)",
            "  --operator-token TOKEN   netlify admin bearer (default: generated and printed once)",
            "  --autoconfirm true|false confirm users at signup (default true)",
            "  --disable-signup         refuse POST /signup",
            "  --anonymous-users        allow supabase anonymous sign-ins (default on for supabase)",
            "  --rate-limit-header NAME header keying the rate limiters (default none)",
            "  --jwt-exp SECONDS        access-token lifetime (default 3600)",
            "  --jwt-aud AUD            default audience (netlify \"\", supabase \"authenticated\")",
            "  --bcrypt-cost N          bcrypt cost 4..31 (default 10)",
            "  --faults JSON            faults from the start: one rule or an array of rules, as PUT /_emulator/faults",
            "                           takes them, e.g. '{\"route\":\"POST /token\",\"server_error_share\":0.5}'",
            "  --help                   print this help");

    /** Parses the arguments; throws {@link IllegalArgumentException} with a message for the user. */
    static EmulatorArguments parse(String... args) {
        Map<String, String> values = collect(args);
        if (values.containsKey("help")) {
            return new EmulatorArguments(null, true, false, false, Map.of());
        }
        EmulatorFlavor flavor = flavor(values.getOrDefault("flavor", "netlify"));
        String secret = values.get("jwt-secret");
        EmulatorOptions options = EmulatorOptions.defaults(flavor, secret == null ? Ids.secret() : secret)
                .withPort(intValue(values, "port", DEFAULT_PORT, 0, 65535));
        boolean generateOperator = flavor == EmulatorFlavor.NETLIFY && !values.containsKey("operator-token");
        options = options.withOperatorToken(generateOperator ? Ids.secret() : values.get("operator-token"));
        options = apply(options, values);
        return new EmulatorArguments(options, false, secret == null, generateOperator, faults(values.get("faults")));
    }

    private static Map<String, FaultRule> faults(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(json);
            Map<String, FaultRule> rules = new LinkedHashMap<>();
            for (JsonNode rule : root.isArray() ? root : List.of(root)) {
                if (!rule.isObject()) {
                    throw new IllegalArgumentException("--faults must be a JSON object or an array of objects");
                }
                String route = rule.path("route").asText("");
                rules.put(route.isEmpty() ? FaultInjector.ALL : route, FaultControl.rule(rule));
            }
            return rules;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--faults is not JSON: " + e.getOriginalMessage());
        }
    }

    private static EmulatorOptions apply(EmulatorOptions options, Map<String, String> values) {
        EmulatorOptions result = options
                .withAutoconfirm(bool(values, "autoconfirm", options.autoconfirm()))
                .withDisableSignup(bool(values, "disable-signup", options.disableSignup()))
                .withAnonymousUsers(bool(values, "anonymous-users", options.anonymousUsers()))
                .withJwtExp(Duration.ofSeconds(intValue(values, "jwt-exp", 3600, 1, Integer.MAX_VALUE)))
                .withBcryptCost(intValue(values, "bcrypt-cost", options.bcryptCost(), 4, 31));
        if (values.containsKey("rate-limit-header")) {
            result = result.withRateLimitHeader(nonEmpty(values, "rate-limit-header"));
        }
        return values.containsKey("jwt-aud") ? result.withDefaultAudience(values.get("jwt-aud")) : result;
    }

    private static Map<String, String> collect(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!VALUED.contains(name) && !FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            String value = eq >= 0 ? arg.substring(eq + 1) : null;
            if (value == null && !FLAGS.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                value = args[++i];
            }
            if (values.put(name, value == null ? "true" : value) != null) {
                throw new IllegalArgumentException("option --" + name + " given twice");
            }
        }
        return values;
    }

    private static EmulatorFlavor flavor(String text) {
        try {
            return EmulatorFlavor.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--flavor must be netlify or supabase, not '" + text + "'");
        }
    }

    private static int intValue(Map<String, String> values, String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number from " + min + " to " + max
                    + ", not '" + text + "'");
        }
    }

    private static boolean bool(Map<String, String> values, String name, boolean fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, not '" + text + "'");
        };
    }

    private static String nonEmpty(Map<String, String> values, String name) {
        String text = values.get(name);
        if (text.isBlank()) {
            throw new IllegalArgumentException("--" + name + " must not be empty");
        }
        return text.strip();
    }
}
