package dev.anonbroker.cleanup;

/**
 * One piece of work of the deletion queue: delete a user whose id GoTrue reported, or look up by its email a user a
 * timed-out sign-up may have created, and delete it when found. Jobs are values: the queue holds each one once.
 */
sealed interface Job {

    /** Delete the GoTrue user with this id. */
    record Deletion(String userId) implements Job {
    }

    /** Find the throwaway user with exactly this email, if GoTrue created it after all, and delete it. */
    record Lookup(String email) implements Job {

        @Override
        public String toString() {
            return "Lookup[email=***]";
        }
    }
}
