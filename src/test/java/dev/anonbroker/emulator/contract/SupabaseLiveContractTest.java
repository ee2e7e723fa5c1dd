package dev.anonbroker.emulator.contract;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The GoTrue contract checks of supabase/auth against a real GoTrue, only when {@code GOTRUE_CONTRACT_URL} is set
 * (the variables are listed on {@link LiveTarget}) and {@code GOTRUE_CONTRACT_FLAVOR} does not name netlify. Without
 * the URL, every check is reported as skipped with a message that says which variables would enable the live run.
 */
@DisplayName("GoTrue contract: live GoTrue, supabase flavor")
@EnabledIfEnvironmentVariable(named = LiveTarget.URL_VARIABLE, matches = ".*\\S.*", disabledReason = LiveTarget.SKIP_MESSAGE)
@DisabledIfEnvironmentVariable(named = LiveTarget.FLAVOR_VARIABLE, matches = LiveTarget.NETLIFY_FLAVOR,
        disabledReason = "the live GoTrue is netlify (GOTRUE_CONTRACT_FLAVOR): NetlifyLiveContractTest runs it")
class SupabaseLiveContractTest extends GoTrueContractSuite implements SupabaseContractChecks {

    @Override
    protected GoTrueTarget openTarget() {
        return LiveTarget.fromEnvironment(System.getenv())
                .orElseThrow(() -> new IllegalStateException(LiveTarget.SKIP_MESSAGE));
    }
}
