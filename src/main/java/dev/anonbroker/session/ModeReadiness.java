package dev.anonbroker.session;

import dev.anonbroker.gotrue.GoTrueClient;
import dev.anonbroker.gotrue.GoTrueConfiguration;
import dev.anonbroker.gotrue.GoTrueException;
import dev.anonbroker.gotrue.GoTrueFlavor;
import dev.anonbroker.gotrue.GoTrueMode;
import dev.anonbroker.gotrue.GoTrueSettings;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Refuses a mode that cannot work. Settings the broker knows alone (anonymous mode on netlify, no admin credential
 * to delete users) stop the start-up; settings only GoTrue knows (autoconfirm, disable-signup, anonymous sign-ins)
 * are read from {@code GET /settings} in the background at start-up (the server does not wait for GoTrue) and on
 * first use, and turn requests into 503 problems that name the setting to change. A good answer is kept for a minute.
 */
@Singleton
final class ModeReadiness implements ApplicationEventListener<ApplicationStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ModeReadiness.class);
    private static final Duration RECHECK_AFTER = Duration.ofMinutes(1);

    private final GoTrueClient gotrue;
    private final GoTrueConfiguration configuration;
    private final Clock clock;
    private final Executor background;
    private volatile Instant readyUntil = Instant.MIN;

    ModeReadiness(GoTrueClient gotrue, GoTrueConfiguration configuration, Clock clock,
                  @Named(TaskExecutors.BLOCKING) Executor background) {
        this.gotrue = gotrue;
        this.configuration = configuration;
        this.clock = clock;
        this.background = background;
    }

    @Override
    public void onApplicationEvent(ApplicationStartupEvent event) {
        staticProblem().ifPresent(problem -> {
            throw new ConfigurationException(problem);
        });
        background.execute(this::checkAtStartUp);
    }

    private void checkAtStartUp() {
        try {
            Instant asked = clock.instant();
            Optional<String> problem = settingsProblem(gotrue.settings());
            if (problem.isPresent()) {
                LOG.warn("GoTrue is not ready for broker.gotrue.mode={}: {}", configuration.mode().settingValue(),
                        problem.get());
            } else {
                readyUntil = asked.plus(RECHECK_AFTER);
                LOG.info("GoTrue is ready for broker.gotrue.mode={} ({} flavor)", configuration.mode().settingValue(),
                        configuration.flavor().settingValue());
            }
        } catch (GoTrueException unreachable) {
            LOG.warn("Could not read GoTrue's settings at start-up ({}); they will be checked on first use",
                    unreachable.getMessage());
        }
    }

    /** Throws a 503 problem naming the setting to change when the configured mode cannot work now. */
    void ensureReady() {
        if (clock.instant().isBefore(readyUntil)) {
            return;
        }
        Optional<String> problem = staticProblem().or(() -> settingsProblem(gotrue.settings()));
        if (problem.isPresent()) {
            throw new ProblemException(ProblemType.MODE_UNAVAILABLE, problem.get(), Map.of("Retry-After", "60"), null);
        }
        readyUntil = clock.instant().plus(RECHECK_AFTER);
    }

    private Optional<String> staticProblem() {
        if (configuration.mode() == GoTrueMode.ANONYMOUS && configuration.flavor() != GoTrueFlavor.SUPABASE) {
            return Optional.of("broker.gotrue.mode=anonymous needs broker.gotrue.flavor=supabase: netlify GoTrue "
                    + "has no anonymous sign-ins. Use broker.gotrue.mode=signup or admin-create.");
        }
        if (!configuration.hasAdminCredential()) {
            return Optional.of("The broker must delete every throwaway user it creates, which needs GoTrue's admin API: "
                    + "set broker.gotrue.admin-token (env BROKER_GOTRUE_ADMIN_TOKEN) or broker.gotrue.jwt-secret "
                    + "(env BROKER_GOTRUE_JWT_SECRET).");
        }
        return Optional.empty();
    }

    private Optional<String> settingsProblem(GoTrueSettings settings) {
        return switch (configuration.mode()) {
            case SIGNUP -> signupProblem(settings);
            case ANONYMOUS -> anonymousProblem(settings);
            case ADMIN_CREATE -> Optional.empty();
        };
    }

    private Optional<String> signupProblem(GoTrueSettings settings) {
        if (settings.signupDisabled()) {
            return Optional.of("GoTrue refuses sign-ups (GOTRUE_DISABLE_SIGNUP; Netlify: Registration is invite only). "
                    + "Open registration, or set broker.gotrue.mode=admin-create.");
        }
        if (!settings.autoconfirm()) {
            return Optional.of("GoTrue does not autoconfirm new users (GOTRUE_MAILER_AUTOCONFIRM; Netlify: Identity "
                    + "autoconfirm). Turn autoconfirm on, or set broker.gotrue.mode=admin-create.");
        }
        return Optional.empty();
    }

    private Optional<String> anonymousProblem(GoTrueSettings settings) {
        if (!settings.anonymousUsersEnabled()) {
            return Optional.of("GoTrue has anonymous sign-ins disabled (GOTRUE_EXTERNAL_ANONYMOUS_USERS_ENABLED). "
                    + "Enable them, or set broker.gotrue.mode=admin-create.");
        }
        if (settings.signupDisabled()) {
            return Optional.of("GoTrue refuses sign-ups (GOTRUE_DISABLE_SIGNUP), which also blocks anonymous "
                    + "sign-ins. Open sign-ups, or set broker.gotrue.mode=admin-create.");
        }
        return Optional.empty();
    }
}
