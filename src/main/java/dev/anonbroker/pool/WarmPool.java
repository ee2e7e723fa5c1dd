package dev.anonbroker.pool;

import dev.anonbroker.cleanup.DeletionQueue;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The warm pool ({@code broker.pool.*}): throwaway users made and proven ahead of demand, so that a session started
 * while the pool has a member makes no GoTrue call and waits for nothing. A claim takes the oldest fresh member, once
 * and atomically, and wakes the refiller; an empty (or switched-off) pool answers empty and the caller takes the
 * direct path. Claims are made behind the broker's gates, which are then the only limits that visitor meets.
 *
 * <p>Refilling starts once the application has started. At shutdown, before the deletion queue drains (this bean
 * depends on it, so it is destroyed first), refilling stops and every unused member is queued for deletion.
 */
@Singleton
public final class WarmPool implements ApplicationEventListener<ApplicationStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

    private final PoolConfiguration configuration;
    private final PoolMembers members;
    private final PoolRefiller refiller;
    private final PoolMetrics metrics;
    private final DeletionQueue deletionQueue;
    private final Clock clock;

    WarmPool(PoolConfiguration configuration, PoolMembers members, PoolRefiller refiller, PoolMetrics metrics,
             DeletionQueue deletionQueue, Clock clock) {
        this.configuration = configuration;
        this.members = members;
        this.refiller = refiller;
        this.metrics = metrics;
        this.deletionQueue = deletionQueue;
        this.clock = clock;
        metrics.watchSize(members);
    }

    @Override
    public void onApplicationEvent(ApplicationStartupEvent event) {
        if (configuration.enabled()) {
            LOG.info("Warm pool on: {} member(s), each retired by {}", configuration.size(), configuration.maxAge());
            refiller.start();
        }
    }

    /** A member's GoTrue user id, handed out to this caller alone; empty when the pool is empty or off. */
    public Optional<String> claim() {
        if (!configuration.enabled()) {
            return Optional.empty();
        }
        Optional<PoolMember> member = members.takeFresh(clock.instant(), refiller::retire);
        if (member.isPresent()) {
            metrics.hit();
        } else {
            metrics.miss();
        }
        refiller.wake();
        return member.map(PoolMember::userId);
    }

    @PreDestroy
    void close() throws InterruptedException {
        if (!configuration.enabled()) {
            return;
        }
        refiller.close();
        List<PoolMember> unused = members.drain();
        unused.forEach(member -> deletionQueue.enqueue(member.userId()));
        LOG.info("Warm pool: {} unused member(s) queued for deletion at shutdown", unused.size());
    }
}
