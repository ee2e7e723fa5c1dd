package dev.anonbroker.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The user list of {@code GET /admin/users}: {@code sort} parsing (only {@code created_at}, default newest first),
 * {@code filter} on email or {@code user_metadata.full_name}, then one page.
 */
final class UserListing {

    private UserListing() {
    }

    /** The order the {@code sort} parameters ask for; the message is upstream's sort error. */
    static Comparator<StoredUser> order(Call call) {
        List<String> values = call.query.get("sort");
        if (values == null) {
            return UserStore.OLDEST_FIRST.reversed();
        }
        Comparator<StoredUser> order = null;
        for (String value : values) {
            String[] parts = value.split(" ", 2);
            if (!"created_at".equals(parts[0])) {
                throw new IllegalArgumentException("bad field for sort '" + parts[0] + "'");
            }
            String dir = parts.length == 2 ? parts[1].toUpperCase(Locale.ROOT) : "DESC";
            if (!"ASC".equals(dir) && !"DESC".equals(dir)) {
                throw new IllegalArgumentException(
                        "bad direction for sort '" + parts[0] + "', only 'asc' and 'desc' allowed");
            }
            Comparator<StoredUser> next = "ASC".equals(dir) ? UserStore.OLDEST_FIRST : UserStore.OLDEST_FIRST.reversed();
            order = order == null ? next : order.thenComparing(next);
        }
        return order == null ? UserStore.OLDEST_FIRST.reversed() : order;
    }

    /** Netlify compares both fields case-insensitively; supabase the email case-sensitively. */
    static List<StoredUser> filter(List<StoredUser> users, String filter, boolean emailIgnoresCase) {
        if (filter.isEmpty()) {
            return users;
        }
        String lower = filter.toLowerCase(Locale.ROOT);
        List<StoredUser> result = new ArrayList<>();
        for (StoredUser user : users) {
            String email = user.email() == null ? "" : user.email();
            boolean emailMatch = emailIgnoresCase ? email.toLowerCase(Locale.ROOT).contains(lower) : email.contains(filter);
            if (emailMatch || fullName(user).toLowerCase(Locale.ROOT).contains(lower)) {
                result.add(user);
            }
        }
        return result;
    }

    private static String fullName(StoredUser user) {
        synchronized (user) {
            return user.userMetadata == null ? "" : Json.text(user.userMetadata, "full_name");
        }
    }

    static List<StoredUser> page(List<StoredUser> sorted, Pagination.Page page) {
        if (page.page() == 0) {
            return List.of();
        }
        long offset;
        try {
            offset = Math.multiplyExact(page.page() - 1, page.perPage());
        } catch (ArithmeticException e) {
            return List.of();
        }
        if (offset >= sorted.size()) {
            return List.of();
        }
        return sorted.subList((int) offset, (int) Math.min(sorted.size(), offset + page.perPage()));
    }
}
