/**
 * The GoTrue conformance suite: every numbered check of section 6 of
 * {@code src/main/docs/guide/gotrue-compatibility.md}, written once and run over real HTTP against the emulator's two
 * flavors and, when its URL is given, a live GoTrue. The checks of both flavors are in
 * {@link dev.anonbroker.emulator.contract.GoTrueContractSuite}, those of one flavor in
 * {@link dev.anonbroker.emulator.contract.NetlifyContractChecks} and
 * {@link dev.anonbroker.emulator.contract.SupabaseContractChecks}; each test class runs those of its target's flavor.
 *
 * <p>Must not use the broker's own GoTrue adapter ({@code dev.anonbroker.gotrue}) or the emulator's internals: it talks
 * to its targets with the JDK HTTP client and Jackson only, so that it judges the emulator and the adapter
 * independently. The emulator is used only through its public start/close API.
 */
package dev.anonbroker.emulator.contract;
