package dev.anonbroker.cleanup;

import java.util.Optional;

/**
 * One piece of work of the deletion queue: delete a user whose id GoTrue reported, or look up by its email a user a
 * timed-out sign-up may have created, and delete it when found. Jobs are values: the queue holds each one once.
 */
sealed interface Job {

    String DELETION_PREFIX = "user:";
    String LOOKUP_PREFIX = "email:";

    /** This job as an entry of the {@link DeletionLedger}. */
    String ledgerEntry();

    /**
     * The job to run for a ledger entry taken over from another instance; empty for an entry this version does not
     * know. A user id read from the ledger is checked against GoTrue before anything is deleted.
     */
    static Optional<Job> fromLedgerEntry(String entry) {
        if (entry.startsWith(DELETION_PREFIX) && entry.length() > DELETION_PREFIX.length()) {
            return Optional.of(new TakeOver(entry.substring(DELETION_PREFIX.length())));
        }
        if (entry.startsWith(LOOKUP_PREFIX) && entry.length() > LOOKUP_PREFIX.length()) {
            return Optional.of(new Lookup(entry.substring(LOOKUP_PREFIX.length())));
        }
        return Optional.empty();
    }

    /** Delete the GoTrue user with this id. */
    record Deletion(String userId) implements Job {

        @Override
        public String ledgerEntry() {
            return DELETION_PREFIX + userId;
        }
    }

    /**
     * Delete the GoTrue user with this id, which another instance queued and stopped holding, once GoTrue confirms it
     * is a throwaway user. Its ledger entry is the {@link Deletion}'s.
     */
    record TakeOver(String userId) implements Job {

        @Override
        public String ledgerEntry() {
            return DELETION_PREFIX + userId;
        }
    }

    /** Find the throwaway user with exactly this email, if GoTrue created it after all, and delete it. */
    record Lookup(String email) implements Job {

        @Override
        public String ledgerEntry() {
            return LOOKUP_PREFIX + email;
        }

        @Override
        public String toString() {
            return "Lookup[email=***]";
        }
    }
}
