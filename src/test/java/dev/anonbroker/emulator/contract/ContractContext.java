package dev.anonbroker.emulator.contract;

/**
 * What a contract check works with. {@link GoTrueContractSuite} provides it to its own checks and to the flavor's
 * checks its subclass implements ({@link NetlifyContractChecks}, {@link SupabaseContractChecks}), which also say
 * the flavor.
 */
interface ContractContext {

    /** The flavor whose checks this test class runs; its target must be of that flavor. */
    Flavor flavor();

    /** The target of this run, shared by its checks. */
    GoTrueTarget target();

    /** A driver on {@link #target()} in the running check's fresh audience. */
    GoTrueDriver gotrue();

    /** A driver, in a fresh audience, on a target configured as {@code setup} needs; released after the test. */
    GoTrueDriver on(TargetSetup setup);

    /**
     * A driver on a target with autoconfirm off, where an admin-created user without {@code confirm} /
     * {@code email_confirm} is surely unconfirmed: the contract does not say whether GOTRUE_MAILER_AUTOCONFIRM
     * applies to admin creation.
     */
    default GoTrueDriver unconfirmingTarget() {
        return on(TargetSetup.any().autoconfirm(false));
    }
}
