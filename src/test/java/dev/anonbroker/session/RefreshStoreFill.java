package dev.anonbroker.session;

import io.micronaut.context.ApplicationContext;

import java.time.Instant;
import java.util.UUID;

/** For the memory benchmark: opens sessions in a running broker's refresh store, as mints do, without GoTrue. */
public final class RefreshStoreFill {

    private RefreshStoreFill() {
    }

    public static void open(ApplicationContext broker, int sessions, String origin) {
        RefreshTokens store = broker.getBean(RefreshTokens.class);
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < sessions; i++) {
            store.open(UUID.randomUUID().toString(), UUID.randomUUID().toString(), now, "backend", origin, null);
        }
    }
}
