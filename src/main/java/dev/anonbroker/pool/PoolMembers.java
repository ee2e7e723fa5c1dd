package dev.anonbroker.pool;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The members, oldest first, in a lock-free deque. Each member leaves it exactly once: {@code pollFirst} and
 * {@code remove} are atomic per element, so of two threads reaching for one member only one gets it.
 */
@Singleton
final class PoolMembers {

    private final ConcurrentLinkedDeque<PoolMember> members = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    void add(PoolMember member) {
        members.addLast(member);
        size.incrementAndGet();
    }

    /** Takes the oldest member still fresh at {@code now}; stale ones met on the way go to {@code retire}. */
    Optional<PoolMember> takeFresh(Instant now, Consumer<PoolMember> retire) {
        for (PoolMember member = members.pollFirst(); member != null; member = members.pollFirst()) {
            size.decrementAndGet();
            if (member.isFreshAt(now)) {
                return Optional.of(member);
            }
            retire.accept(member);
        }
        return Optional.empty();
    }

    /** Removes and answers the members no longer fresh at {@code now}. */
    List<PoolMember> removeStale(Instant now) {
        List<PoolMember> stale = new ArrayList<>();
        for (PoolMember member : members) {
            if (!member.isFreshAt(now) && remove(member)) {
                stale.add(member);
            }
        }
        return stale;
    }

    /** Removes {@code member}; true for the one caller that removed it. */
    boolean remove(PoolMember member) {
        if (members.removeFirstOccurrence(member)) {
            size.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Removes and answers every member. */
    List<PoolMember> drain() {
        List<PoolMember> all = new ArrayList<>();
        for (PoolMember member = members.pollFirst(); member != null; member = members.pollFirst()) {
            size.decrementAndGet();
            all.add(member);
        }
        return all;
    }

    int size() {
        return size.get();
    }
}
