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

    /** Outcome of {@link #tryInsert}. */
    enum Insert { INSERTED, EMAIL_TAKEN, ID_TAKEN }

    /** Adds the user unless its email is taken in its audience or its id is taken; returns false then. */
    boolean insert(StoredUser user) {
        return tryInsert(user) == Insert.INSERTED;
    }

    /**
     * Claims the email, then the id; when the id is taken the email claim is given back, so a losing insert
     * leaves the store as it was.
     */
    Insert tryInsert(StoredUser user) {
        String email = user.email();
        String emailKey = email == null || email.isEmpty() ? null : key(user.aud(), email);
        if (emailKey != null && byEmail.putIfAbsent(emailKey, user.id) != null) {
            return Insert.EMAIL_TAKEN;
        }
        if (byId.putIfAbsent(user.id, user) != null) {
            if (emailKey != null) {
                byEmail.remove(emailKey, user.id);
            }
            return Insert.ID_TAKEN;
        }
        return Insert.INSERTED;
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

    /** Users of one audience, in no particular order. */
    List<StoredUser> inAudience(String aud) {
        return byId.values().stream().filter(u -> aud.equals(u.aud())).toList();
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
