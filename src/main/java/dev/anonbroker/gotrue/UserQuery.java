package dev.anonbroker.gotrue;

/**
 * Parameters of one {@code GET /admin/users} call.
 *
 * @param page        1-based page
 * @param perPage     page size, at least 1 (GoTrue crashes on 0)
 * @param filter      substring of email to match, or null
 * @param oldestFirst sort {@code created_at asc} instead of GoTrue's default newest first
 */
public record UserQuery(int page, int perPage, String filter, boolean oldestFirst) {

    public UserQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1");
        }
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage must be at least 1");
        }
    }
}
