package dev.anonbroker.emulator.contract;

import org.junit.jupiter.api.DisplayName;

/** The GoTrue contract checks against the emulator playing supabase/auth. */
@DisplayName("GoTrue contract: emulator, supabase flavor")
class SupabaseEmulatorContractTest extends GoTrueContractSuite {

    @Override
    protected GoTrueTarget openTarget() {
        return EmulatorTarget.start(Flavor.SUPABASE);
    }
}
