package dev.anonbroker.gate.captcha;

import dev.anonbroker.gate.GateRequest;
import dev.anonbroker.gate.ProofGate;
import dev.anonbroker.gate.SingleUseSet;
import dev.anonbroker.gate.Visitor;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.shared.SingleUseSets;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.value.PropertyResolver;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * A captcha: the mint request carries the widget's token, which the provider's siteverify API must accept, for one
 * of the expected hostnames and the expected action when those are configured. Created at start-up so that a bad
 * {@code broker.captcha.*} refuses to start.
 *
 * <p>Each accepted token is also single use here, for as long as the provider accepts it at all
 * ({@link CaptchaProvider#tokenValidity()}): the providers' own single use is "subject to network convergence".
 * The token is <em>reserved</em> in the single-use set before the provider is asked, and forgotten again if it is not
 * accepted. Reserving first means a replay, even one concurrent with the first use, is refused without a network
 * call and can never reach the provider twice; forgetting on failure means a provider outage or a refusal does not
 * burn the visitor's token on our side. The price: while the first request waits for the provider, a concurrent
 * request with the same token is refused as a replay even if the first then fails.
 */
@Context
final class CaptchaGate implements ProofGate {

    static final String NAME = "captcha";

    private final CaptchaConfiguration configuration;
    private final Siteverify siteverify;
    private final Clock clock;
    private final SingleUseSet used;

    CaptchaGate(CaptchaConfiguration configuration, Siteverify siteverify, Clock clock, SingleUseSets sets,
                PropertyResolver properties) {
        requireKnownProvider(configuration, properties);
        this.configuration = configuration;
        this.siteverify = siteverify;
        this.clock = clock;
        this.used = sets.named(NAME, configuration.maxRemembered());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return configuration.enabled();
    }

    @Override
    public void check(GateRequest request, Visitor visitor) {
        String token = presented(request);
        reserve(token);
        try {
            judge(siteverify.verify(token, visitor.ip()));
        } catch (ProblemException refused) {
            used.forget(token);
            throw refused;
        }
    }

    /** After proof of work: it costs a call to the provider. */
    @Override
    public int getOrder() {
        return 20;
    }

    /**
     * Micronaut binds a value that names no {@link CaptchaProvider} as no provider at all, which would switch the
     * captcha off without a word: a typo must refuse to start instead.
     */
    private static void requireKnownProvider(CaptchaConfiguration configuration, PropertyResolver properties) {
        String property = CaptchaConfiguration.PREFIX + ".provider";
        Optional<String> raw = properties.get(property, String.class).filter(value -> !value.isBlank());
        if (configuration.provider() == null && raw.isPresent()) {
            throw new IllegalStateException(property + " must be turnstile or hcaptcha (or unset for no captcha), got "
                    + raw.get());
        }
    }

    private String presented(GateRequest request) {
        String token = request.captchaToken();
        if (token == null || token.isBlank()) {
            throw CaptchaRefusals.required();
        }
        if (token.length() > configuration.provider().maxTokenLength()) {
            throw CaptchaRefusals.malformed(configuration.provider());
        }
        return token;
    }

    private void reserve(String token) {
        SingleUseSet.Outcome outcome = used.use(token, clock.instant().plus(configuration.provider().tokenValidity()));
        if (outcome == SingleUseSet.Outcome.REPLAYED) {
            throw CaptchaRefusals.replayed();
        }
        if (outcome == SingleUseSet.Outcome.FULL) {
            throw CaptchaRefusals.full();
        }
    }

    private void judge(SiteverifyResponse answer) {
        if (!answer.success()) {
            throw CaptchaRefusals.notAccepted(configuration.provider(), answer.errorCodes());
        }
        boolean hostnameOk = configuration.expectedHostnames().isEmpty() || (answer.hostname() != null
                && configuration.expectedHostnames().contains(answer.hostname().toLowerCase(Locale.ROOT)));
        boolean actionOk = configuration.expectedAction() == null
                || configuration.expectedAction().equals(answer.action());
        if (!hostnameOk || !actionOk) {
            throw CaptchaRefusals.wrongSite();
        }
    }
}
