package dev.anonbroker.pool;

import dev.anonbroker.emulator.EmulatedUser;
import dev.anonbroker.emulator.GoTrueEmulator;
import dev.anonbroker.support.Await;
import dev.anonbroker.support.BrokerHarness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a pool test looks at: the pool's meters in one broker, and the members its emulator holds. */
final class PoolProbe {

    private final BrokerHarness broker;
    private final GoTrueEmulator gotrue;
    private final MeterRegistry meters;

    PoolProbe(BrokerHarness broker, GoTrueEmulator gotrue) {
        this.broker = broker;
        this.gotrue = gotrue;
        this.meters = broker.context().getBean(MeterRegistry.class);
    }

    PoolProbe(BrokerHarness broker) {
        this(broker, broker.emulator());
    }

    double size() {
        Gauge gauge = meters.find("broker.pool.size").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    double count(String counter) {
        return meters.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    double failures(String reason) {
        Counter counter = meters.find("broker.pool.refill.failures").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    void awaitSize(int members) {
        Await.until("the pool holds " + members + " member(s)", Duration.ofSeconds(30), () -> size() == members);
    }

    /** Users in the emulator that carry a pool member's marker (with {@code pooled_until}). */
    Set<String> pooledUserIds() {
        return gotrue.users().stream().filter(PoolProbe::isPooled).map(EmulatedUser::id).collect(Collectors.toSet());
    }

    static boolean isPooled(EmulatedUser user) {
        return user.userMetadata() != null && user.userMetadata().get("anon_broker") instanceof Map<?, ?> marker
                && marker.get("pooled_until") instanceof String;
    }
}
