package dev.anonbroker.emulator.contract;

import org.junit.jupiter.api.DisplayName;

/** The GoTrue contract checks against the emulator playing netlify/gotrue. */
@DisplayName("GoTrue contract: emulator, netlify flavor")
class NetlifyEmulatorContractTest extends GoTrueContractSuite {

    @Override
    protected GoTrueTarget openTarget() {
        return EmulatorTarget.start(Flavor.NETLIFY);
    }
}
