package dev.anonbroker.session;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;


/**
 * The {@code aud} of a new session: the one asked for, if {@code broker.audiences} allows it, else the first.
 */
@Singleton
final class AudienceChoice {

    private final BrokerConfiguration configuration;

    AudienceChoice(BrokerConfiguration configuration) {
        this.configuration = configuration;
    }

    String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return configuration.defaultAudience();
        }
        if (!configuration.audiences().contains(requested)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The audience '" + requested
                    + "' is not one of this broker's audiences " + configuration.audiences() + ".");
        }
        return requested;
    }
}
