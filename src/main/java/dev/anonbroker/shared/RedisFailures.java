package dev.anonbroker.shared;

/** How a Redis failure is named in a log line: what failed and, when it wraps one, the failure beneath it. */
final class RedisFailures {

    private RedisFailures() {
    }

    /**
     * {@code Kind: message}, and {@code (caused by Kind: message)} for the innermost cause, which says why a
     * connection failed (a wrong password, an untrusted certificate). Lettuce's messages name host and port, never the
     * password of the URI.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String described = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? described
                : described + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
