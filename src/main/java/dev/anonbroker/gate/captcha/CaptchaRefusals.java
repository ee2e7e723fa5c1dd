package dev.anonbroker.gate.captcha;

import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the broker answers when a captcha is not accepted. The provider's {@code error-codes} are mapped to a detail
 * the broker wrote: a code the broker knows may be named in it, anything else from the provider never reaches the
 * caller. Codes that say the broker's own setup or request is wrong (the secret, a malformed request) are not the
 * visitor's fault: 503 {@code captcha-unavailable}, logged as an error for the operator.
 */
final class CaptchaRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(CaptchaRefusals.class);
    private static final String AGAIN = " Render the captcha widget again and send its new token as captcha_token.";

    /** The secret is missing or wrong: the operator's misconfiguration. */
    private static final Set<String> SECRET = Set.of("missing-input-secret", "invalid-input-secret");
    /** The broker's request was malformed, or the provider failed inside. */
    private static final Set<String> BROKER_SIDE = Set.of("bad-request", "internal-error", "missing-remoteip",
            "invalid-remoteip");
    /** The token was good once: it expired or was spent. */
    private static final Set<String> SPENT = Set.of("timeout-or-duplicate", "invalid-or-already-seen-response",
            "already-seen-response", "expired-input-response");
    /** The token is not one the provider issued for this secret. */
    private static final Set<String> INVALID = Set.of("invalid-input-response", "missing-input-response",
            "not-using-dummy-passcode", "sitekey-secret-mismatch");

    private CaptchaRefusals() {
    }

    static ProblemException required() {
        return new ProblemException(ProblemType.CAPTCHA_REQUIRED, "This broker requires a captcha: render the captcha "
                + "widget with the site key of this site and send the token it returns in the body field captcha_token.");
    }

    static ProblemException malformed(CaptchaProvider provider) {
        return new ProblemException(ProblemType.CAPTCHA_INVALID, "The captcha_token is longer than "
                + provider.maxTokenLength() + " characters, so it is no token of the captcha provider." + AGAIN);
    }

    static ProblemException replayed() {
        return new ProblemException(ProblemType.CAPTCHA_REPLAYED,
                "This captcha token was already used: each token is accepted once." + AGAIN);
    }

    static ProblemException full() {
        return ProblemException.retryLater(ProblemType.GATE_AT_CAPACITY, "The broker holds as many used captcha tokens"
                + " as it can remember and accepts no new one until some expire. Try again shortly.",
                Siteverify.RETRY_AFTER_SECONDS, null);
    }

    static ProblemException wrongSite() {
        return new ProblemException(ProblemType.CAPTCHA_INVALID,
                "The captcha was solved on a site or for an action this broker does not accept." + AGAIN);
    }

    /** A {@code success: false} answer. */
    static ProblemException notAccepted(CaptchaProvider provider, List<String> codes) {
        String name = provider.name().toLowerCase(Locale.ROOT);
        if (codes.stream().anyMatch(SECRET::contains)) {
            LOG.error("Captcha provider {} refused broker.captcha.secret ({}): set broker.captcha.secret "
                    + "(env BROKER_CAPTCHA_SECRET) to the secret key that belongs to your site key", name, known(codes, SECRET));
            return unavailable();
        }
        if (codes.stream().anyMatch(BROKER_SIDE::contains)) {
            LOG.error("Captcha provider {} could not check the token ({})", name, known(codes, BROKER_SIDE));
            return unavailable();
        }
        LOG.debug("Captcha provider {} refused a token ({})", name, known(codes, SPENT) + known(codes, INVALID));
        if (codes.stream().anyMatch(SPENT::contains)) {
            return new ProblemException(ProblemType.CAPTCHA_INVALID, "The captcha provider says this token has expired"
                    + " or was already used (" + known(codes, SPENT) + ")." + AGAIN);
        }
        String named = known(codes, INVALID);
        return new ProblemException(ProblemType.CAPTCHA_INVALID, "The captcha provider did not accept this token"
                + (named.isEmpty() ? "" : " (" + named + ")") + "." + AGAIN);
    }

    private static ProblemException unavailable() {
        return ProblemException.retryLater(ProblemType.CAPTCHA_UNAVAILABLE, "The captcha cannot be checked right now "
                + "because of a problem on the broker's side. Try again later.", Siteverify.RETRY_AFTER_SECONDS, null);
    }

    /** Those of {@code codes} that are in {@code vocabulary}: the only provider text the broker repeats. */
    private static String known(List<String> codes, Set<String> vocabulary) {
        return String.join(", ", codes.stream().filter(vocabulary::contains).distinct().toList());
    }
}
