package dev.anonbroker.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users in memory, by id and by (aud, email). An email is unique within an audience, case-insensitively (both
 * upstream databases compare it so); inserts and email changes claim the email atomically.
 */
final class UserStore {

    private final Map<String, StoredUser> byId = new ConcurrentHashMap<>();
    private final Map<String, String> byEmail = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    /** Adds the user unless its email is taken in its audience; returns false then. */
    boolean insert(StoredUser user) {
        String email = user.email();
        if (email != null && !email.isEmpty() && byEmail.putIfAbsent(key(user.aud(), email), user.id) != null) {
            return false;
        }
        byId.put(user.id, user);
        return true;
    }

    Optional<StoredUser> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    Optional<StoredUser> byEmail(String aud, String email) {
        if (email == null || email.isEmpty()) {
            return Optional.empty();
        }
        String id = byEmail.get(key(aud, email));
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** Moves the user to another email or audience; returns false if that one is taken by someone else. */
    boolean rekey(StoredUser user, String newAud, String newEmail) {
        synchronized (user) {
            String newKey = newEmail == null || newEmail.isEmpty() ? null : key(newAud, newEmail);
            String oldKey = user.email == null || user.email.isEmpty() ? null : key(user.aud, user.email);
            if (newKey != null && !newKey.equals(oldKey) && byEmail.putIfAbsent(newKey, user.id) != null) {
                return false;
            }
            if (oldKey != null && !oldKey.equals(newKey)) {
                byEmail.remove(oldKey, user.id);
            }
            user.aud = newAud;
            user.email = newEmail;
            return true;
        }
    }

    /** Frees the user's email without deleting the row (supabase soft delete). */
    void releaseEmail(StoredUser user) {
        synchronized (user) {
            if (user.email != null && !user.email.isEmpty()) {
                byEmail.remove(key(user.aud, user.email), user.id);
            }
        }
    }

    Optional<StoredUser> remove(String id) {
        StoredUser user = byId.remove(id);
        if (user != null) {
            releaseEmail(user);
        }
        return Optional.ofNullable(user);
    }

    /** Users of one audience, oldest first (creation order breaks ties of equal timestamps). */
    List<StoredUser> inAudience(String aud) {
        return byId.values().stream().filter(u -> aud.equals(u.aud())).sorted(OLDEST_FIRST).toList();
    }

    List<StoredUser> all() {
        return byId.values().stream().sorted(OLDEST_FIRST).toList();
    }

    static final Comparator<StoredUser> OLDEST_FIRST =
            Comparator.comparing((StoredUser u) -> u.createdAt).thenComparingLong(u -> u.sequence);

    private static String key(String aud, String email) {
        return aud + "\n" + email.toLowerCase(Locale.ROOT);
    }
}
