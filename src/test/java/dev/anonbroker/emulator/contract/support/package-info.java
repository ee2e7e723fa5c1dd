/**
 * Test fixtures for the GoTrue contract suite: HS256 tokens minted at run time ({@code ContractTokens}) and random user
 * data ({@code TestUsers}). Final classes with static factories; no token or secret is ever written into a source.
 */
package dev.anonbroker.emulator.contract.support;
