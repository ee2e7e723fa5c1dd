package dev.anonbroker.session;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.gate.SingleUseSet;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import dev.anonbroker.shared.SingleUseSets;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Lets each GoTrue access token be exchanged once. The key is what the token says (its decoded header and payload,
 * see {@code gotrue/CanonicalJws}), never its spelling, and only a SHA-256 digest of it is kept, until the token's
 * {@code exp} plus {@code broker.clock-skew}: after that GoTrue and the broker refuse it anyway. At most
 * {@code broker.exchange.max-remembered} are kept; when full, a new token is refused with 503 rather than an old one
 * forgotten, since forgetting would let it be exchanged again. Per broker process, or shared by every instance in
 * Redis when {@code redis.uri} is set (then Redis's memory is the bound).
 */
@Singleton
final class OneTimeTokens {

    /** Entries free up as tokens expire; GoTrue's tokens live an hour by default. */
    private static final long RETRY_AFTER_SECONDS = 60;

    private final SingleUseSet used;
    private final Duration clockSkew;
    private final Clock clock;

    OneTimeTokens(ExchangeConfiguration configuration, BrokerConfiguration broker, Clock clock, SingleUseSets sets) {
        this.used = sets.named("exchange", configuration.maxRemembered());
        this.clockSkew = broker.clockSkew();
        this.clock = clock;
    }

    /**
     * Reserves the token for this exchange.
     *
     * @throws ProblemException 401 when it was exchanged before or is past {@code exp} plus the skew, 503 when full
     */
    void reserve(ExchangedToken token) {
        Instant forgettableAt = token.expiresAt().plus(clockSkew);
        if (!forgettableAt.isAfter(clock.instant())) {
            throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN, "This GoTrue access token has expired.");
        }
        switch (used.use(token.contentKey(), forgettableAt)) {
            case FIRST_USE -> { }
            case REPLAYED -> throw ProblemException.invalidToken(ProblemType.INVALID_TOKEN,
                    "This GoTrue access token was already exchanged; each can be exchanged once.");
            case FULL -> throw ProblemException.retryLater(ProblemType.EXCHANGE_AT_CAPACITY,
                    "The broker remembers as many exchanged tokens as it may; try again later.", RETRY_AFTER_SECONDS, null);
        }
    }

    /** Gives a reserved token back, when the exchange failed for a reason that a retry may not meet (GoTrue down). */
    void release(ExchangedToken token) {
        used.forget(token.contentKey());
    }
}
