package dev.anonbroker.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real GoTrue, given by environment variables. It cannot be reconfigured: {@link #acquire} compares what a check
 * needs with {@code GET /settings} (and with the variables below for what /settings does not show) and skips the
 * check when they differ.
 *
 * <ul>
 * <li>{@code GOTRUE_CONTRACT_URL}: GoTrue's root, e.g. {@code http://localhost:9999} (required)</li>
 * <li>{@code GOTRUE_CONTRACT_FLAVOR}: {@code netlify} or {@code supabase} (required)</li>
 * <li>{@code GOTRUE_CONTRACT_JWT_SECRET}: its GOTRUE_JWT_SECRET (required)</li>
 * <li>{@code GOTRUE_CONTRACT_OPERATOR_TOKEN}: its GOTRUE_OPERATOR_TOKEN (netlify; check 42 is skipped without it)</li>
 * <li>{@code GOTRUE_CONTRACT_JWT_EXP}: its GOTRUE_JWT_EXP in seconds, default 3600</li>
 * <li>{@code GOTRUE_CONTRACT_JWT_ISSUER}: its GOTRUE_JWT_ISSUER, if set (supabase)</li>
 * <li>{@code GOTRUE_CONTRACT_RATE_LIMIT_HEADER}: its GOTRUE_RATE_LIMIT_HEADER, or {@code none}; rate-limit checks
 * are skipped when this is not given</li>
 * <li>{@code GOTRUE_CONTRACT_RATE_LIMIT_ANONYMOUS_USERS}: its GOTRUE_RATE_LIMIT_ANONYMOUS_USERS (supabase)</li>
 * </ul>
 */
final class LiveTarget implements GoTrueTarget {

    static final String URL_VARIABLE = "GOTRUE_CONTRACT_URL";
    static final String FLAVOR_VARIABLE = "GOTRUE_CONTRACT_FLAVOR";
    /** Values of {@value #FLAVOR_VARIABLE} that {@link Flavor#parse} reads as netlify, as a regular expression. */
    static final String NETLIFY_FLAVOR = "(?i)\\s*(netlify|n)\\s*";
    /** Values of {@value #FLAVOR_VARIABLE} that {@link Flavor#parse} reads as supabase, as a regular expression. */
    static final String SUPABASE_FLAVOR = "(?i)\\s*(supabase|s)\\s*";
    static final String SKIP_MESSAGE = "live GoTrue conformance run skipped: set GOTRUE_CONTRACT_URL, "
            + "GOTRUE_CONTRACT_FLAVOR (netlify|supabase), GOTRUE_CONTRACT_JWT_SECRET and (netlify) "
            + "GOTRUE_CONTRACT_OPERATOR_TOKEN to run the contract checks against a real GoTrue; optional: "
            + "GOTRUE_CONTRACT_JWT_EXP, GOTRUE_CONTRACT_JWT_ISSUER, GOTRUE_CONTRACT_RATE_LIMIT_HEADER, "
            + "GOTRUE_CONTRACT_RATE_LIMIT_ANONYMOUS_USERS";

    private final Map<String, String> env;
    private final Flavor flavor;
    private final String baseUrl;

    private LiveTarget(Map<String, String> env) {
        this.env = env;
        this.flavor = Flavor.parse(required(FLAVOR_VARIABLE));
        this.baseUrl = required(URL_VARIABLE).replaceAll("/+$", "");
        required("GOTRUE_CONTRACT_JWT_SECRET");
    }

    /** The live target described by {@code env}, or empty when {@value #URL_VARIABLE} is not set. */
    static Optional<LiveTarget> fromEnvironment(Map<String, String> env) {
        String url = env.get(URL_VARIABLE);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(new LiveTarget(env));
    }

    @Override
    public Flavor flavor() {
        return flavor;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String jwtSecret() {
        return env.get("GOTRUE_CONTRACT_JWT_SECRET");
    }

    @Override
    public Optional<String> operatorToken() {
        return optional("GOTRUE_CONTRACT_OPERATOR_TOKEN");
    }

    @Override
    public Duration jwtExp() {
        return Duration.ofSeconds(optional("GOTRUE_CONTRACT_JWT_EXP").map(Long::parseLong).orElse(3600L));
    }

    @Override
    public Optional<String> issuer() {
        return optional("GOTRUE_CONTRACT_JWT_ISSUER");
    }

    @Override
    public Optional<Integer> anonymousRateLimit() {
        return optional("GOTRUE_CONTRACT_RATE_LIMIT_ANONYMOUS_USERS").map(Integer::parseInt);
    }

    @Override
    public TargetLease acquire(TargetSetup setup) {
        List<String> mismatches = mismatches(setup);
        Assumptions.assumeTrue(mismatches.isEmpty(), () -> "skipped on the live GoTrue, which cannot be reconfigured: "
                + "the check needs " + setup + " but " + String.join("; ", mismatches));
        return new TargetLease(this, false);
    }

    private List<String> mismatches(TargetSetup setup) {
        List<String> mismatches = new ArrayList<>();
        JsonNode settings = new GoTrueRequest(baseUrl, "GET", "/settings").send().json();
        String autoconfirmKey = flavor == Flavor.NETLIFY ? "autoconfirm" : "mailer_autoconfirm";
        compare(mismatches, "/settings " + autoconfirmKey, setup.autoconfirm(), settings.path(autoconfirmKey));
        compare(mismatches, "/settings disable_signup", setup.disableSignup(), settings.path("disable_signup"));
        if (setup.anonymousUsers() != null) {
            compare(mismatches, "/settings external.anonymous_users", setup.anonymousUsers(),
                    settings.path("external").path("anonymous_users"));
        }
        Optional<String> header = optional("GOTRUE_CONTRACT_RATE_LIMIT_HEADER")
                .map(value -> value.equalsIgnoreCase("none") ? TargetSetup.NO_HEADER : value);
        if (setup.rateLimitHeader() != null && !header.map(setup.rateLimitHeader()::equalsIgnoreCase).orElse(false)) {
            mismatches.add("GOTRUE_CONTRACT_RATE_LIMIT_HEADER is " + header.map(h -> "'" + h + "'").orElse("not given"));
        }
        if (setup.anonymousRateLimit() != null
                && !anonymousRateLimit().map(setup.anonymousRateLimit()::equals).orElse(false)) {
            mismatches.add("GOTRUE_CONTRACT_RATE_LIMIT_ANONYMOUS_USERS is "
                    + anonymousRateLimit().map(String::valueOf).orElse("not given"));
        }
        return mismatches;
    }

    private static void compare(List<String> mismatches, String what, Boolean wanted, JsonNode actual) {
        if (wanted != null && (!actual.isBoolean() || actual.booleanValue() != wanted)) {
            mismatches.add(what + " is " + actual);
        }
    }

    @Override
    public void close() {
        // nothing to stop: the live server is not ours
    }

    private String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException(name + " must be set. " + SKIP_MESSAGE));
    }

    private Optional<String> optional(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    @Override
    public String toString() {
        return "live " + flavor + " GoTrue at " + baseUrl;
    }
}
