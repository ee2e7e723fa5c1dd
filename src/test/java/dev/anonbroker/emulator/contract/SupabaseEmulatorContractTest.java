package dev.anonbroker.emulator.contract;

import org.junit.jupiter.api.DisplayName;

/** The GoTrue contract checks of supabase/auth (both flavors' and supabase's own) against the emulator playing it. */
@DisplayName("GoTrue contract: emulator, supabase flavor")
class SupabaseEmulatorContractTest extends GoTrueContractSuite implements SupabaseContractChecks {

    @Override
    protected GoTrueTarget openTarget() {
        return EmulatorTarget.start(Flavor.SUPABASE);
    }
}
