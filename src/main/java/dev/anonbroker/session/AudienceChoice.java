package dev.anonbroker.session;

import dev.anonbroker.config.BrokerConfiguration;
import dev.anonbroker.problem.ProblemException;
import dev.anonbroker.problem.ProblemType;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The {@code aud} of a new session: the one asked for, if {@code broker.audiences} allows it, else the first.
 */
@Singleton
final class AudienceChoice {

    private final List<String> audiences;

    AudienceChoice(BrokerConfiguration configuration) {
        this.audiences = configuration.audiences();
    }

    String resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return audiences.get(0);
        }
        if (!audiences.contains(requested)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST,
                    "The audience '" + requested + "' is not one of this broker's audiences " + audiences + ".");
        }
        return requested;
    }
}
