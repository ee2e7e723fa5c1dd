package dev.anonbroker.shared;

import dev.anonbroker.gate.SingleUseSet;

/**
 * Hands out the broker's single-use sets, each under its own name: in memory without Redis
 * ({@link CaffeineSingleUseSets}), in Redis when {@code redis.uri} is set ({@link RedisSingleUseSets}).
 */
public interface SingleUseSets {

    /**
     * @param name          the set's name, part of its Redis keys and the {@code structure} label of its metrics
     * @param maxRemembered the most values an in-memory set keeps; Redis sets are bounded by Redis's memory instead
     */
    SingleUseSet named(String name, long maxRemembered);
}
