package dev.anonbroker.emulator.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The GoTrue contract checks against a real GoTrue, only when {@code GOTRUE_CONTRACT_URL} is set (the variables are
 * listed on {@link LiveTarget}). Without it, every check is reported as skipped with a message that says which
 * variables would enable the live run.
 */
@DisplayName("GoTrue contract: live GoTrue")
@EnabledIfEnvironmentVariable(named = LiveTarget.URL_VARIABLE, matches = ".*\\S.*", disabledReason = LiveTarget.SKIP_MESSAGE)
class LiveGoTrueContractTest extends GoTrueContractSuite {

    @Override
    protected GoTrueTarget openTarget() {
        return LiveTarget.fromEnvironment(System.getenv())
                .orElseThrow(() -> new IllegalStateException(LiveTarget.SKIP_MESSAGE));
    }
}
