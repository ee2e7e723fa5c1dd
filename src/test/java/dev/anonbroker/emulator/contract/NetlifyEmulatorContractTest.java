package dev.anonbroker.emulator.contract;

import org.junit.jupiter.api.DisplayName;

/** The GoTrue contract checks of netlify/gotrue (both flavors' and netlify's own) against the emulator playing it. */
@DisplayName("GoTrue contract: emulator, netlify flavor")
class NetlifyEmulatorContractTest extends GoTrueContractSuite implements NetlifyContractChecks {

    @Override
    protected GoTrueTarget openTarget() {
        return EmulatorTarget.start(Flavor.NETLIFY);
    }
}
