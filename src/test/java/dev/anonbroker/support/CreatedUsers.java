package dev.anonbroker.support;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.GoTrueEmulator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The users an emulator gained since a moment, by id. Counting users instead races with the broker's background
 * deletions of earlier tests' users: a refused request that created nothing can still see the count fall.
 */
public final class CreatedUsers {

    private final GoTrueEmulator emulator;
    private final Set<String> before;

    private CreatedUsers(GoTrueEmulator emulator, Set<String> before) {
        this.emulator = emulator;
        this.before = before;
    }

    public static CreatedUsers since(GoTrueEmulator emulator) {
        return new CreatedUsers(emulator, ids(emulator.users()));
    }

    /** Ids of the users created since {@link #since}, whether or not they were deleted again. */
    public List<String> ids() {
        return emulator.users().stream().map(EmulatedUser::id).filter(id -> !before.contains(id)).sorted().toList();
    }

    private static Set<String> ids(List<EmulatedUser> users) {
        return users.stream().map(EmulatedUser::id).collect(Collectors.toSet());
    }
}
