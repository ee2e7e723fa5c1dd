package dev.anonbroker.emulator.contract;

import dev.anonbroker.emulator.EmulatorFlavor;
import dev.anonbroker.emulator.EmulatorOptions;
import dev.anonbroker.emulator.GoTrueEmulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The project's GoTrue emulator as a contract target. Any configuration can be had: {@link #acquire} starts a fresh
 * emulator (port 0) whenever a check needs toggles the shared one does not have.
 */
final class EmulatorTarget implements GoTrueTarget {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Flavor flavor;
    private final EmulatorOptions options;
    private final GoTrueEmulator emulator;

    private EmulatorTarget(Flavor flavor, EmulatorOptions options) {
        this.flavor = flavor;
        this.options = options;
        this.emulator = GoTrueEmulator.start(options);
    }

    /**
     * An emulator with its flavor's defaults, random secrets and bcrypt cost 4 (fast; the cost does not change any
     * answer). Netlify gets an operator token, which that flavor requires.
     */
    static EmulatorTarget start(Flavor flavor) {
        EmulatorFlavor emulatorFlavor = flavor == Flavor.NETLIFY ? EmulatorFlavor.NETLIFY : EmulatorFlavor.SUPABASE;
        EmulatorOptions options = EmulatorOptions.defaults(emulatorFlavor, randomSecret())
                .withPort(0)
                .withBcryptCost(4);
        if (flavor == Flavor.NETLIFY) {
            options = options.withOperatorToken(randomSecret());
        }
        return new EmulatorTarget(flavor, options);
    }

    @Override
    public Flavor flavor() {
        return flavor;
    }

    @Override
    public String baseUrl() {
        return emulator.baseUrl();
    }

    @Override
    public String jwtSecret() {
        return options.jwtSecret();
    }

    @Override
    public Optional<String> operatorToken() {
        return Optional.ofNullable(options.operatorToken());
    }

    @Override
    public Duration jwtExp() {
        return options.jwtExp();
    }

    @Override
    public Optional<String> issuer() {
        return Optional.empty();
    }

    @Override
    public Optional<Integer> anonymousRateLimit() {
        return Optional.of(options.anonymousRateLimit());
    }

    @Override
    public TargetLease acquire(TargetSetup setup) {
        EmulatorOptions wanted = apply(setup, options);
        if (wanted.equals(options)) {
            return new TargetLease(this, false);
        }
        return new TargetLease(new EmulatorTarget(flavor, wanted), true);
    }

    private static EmulatorOptions apply(TargetSetup setup, EmulatorOptions base) {
        EmulatorOptions wanted = base;
        if (setup.autoconfirm() != null) {
            wanted = wanted.withAutoconfirm(setup.autoconfirm());
        }
        if (setup.disableSignup() != null) {
            wanted = wanted.withDisableSignup(setup.disableSignup());
        }
        if (setup.anonymousUsers() != null) {
            wanted = wanted.withAnonymousUsers(setup.anonymousUsers());
        }
        if (setup.rateLimitHeader() != null) {
            wanted = wanted.withRateLimitHeader(setup.rateLimitHeader().isEmpty() ? null : setup.rateLimitHeader());
        }
        if (setup.anonymousRateLimit() != null) {
            wanted = wanted.withAnonymousRateLimit(setup.anonymousRateLimit());
        }
        return wanted;
    }

    @Override
    public void close() {
        emulator.close();
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "emulator " + options;
    }
}
