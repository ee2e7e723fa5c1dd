package dev.anonbroker.gotrue;

import java.util.List;

/**
 * One page of {@code GET /admin/users} (src/main/docs/guide/gotrue-compatibility.md section 2.9).
 *
 * @param users      the users on this page, newest first unless asked otherwise
 * @param totalCount {@code X-Total-Count}: users in the audience matching the filter
 * @param page       the 1-based page number asked for
 * @param perPage    the page size asked for
 * @param hasNext    whether the {@code Link} header names a next page
 */
public record GoTrueUserPage(List<GoTrueUser> users, long totalCount, int page, int perPage, boolean hasNext) {

    public GoTrueUserPage {
        users = List.copyOf(users);
    }
}
