package dev.anonbroker.emulator.contract;

/** A user a check created, with the password it was created with. */
record TestUser(String id, String email, String password) {
}
