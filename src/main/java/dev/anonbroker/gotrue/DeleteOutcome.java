package dev.anonbroker.gotrue;

/**
 * Result of an admin delete. GoTrue answers 404 for a user that is already gone; that counts as done.
 */
public enum DeleteOutcome {
    DELETED,
    ALREADY_GONE
}
