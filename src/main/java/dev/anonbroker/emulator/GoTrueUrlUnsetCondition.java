package dev.anonbroker.emulator;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * True when {@code broker.gotrue.url} is absent or empty (an empty {@code BROKER_GOTRUE_URL} counts as unset), and
 * the embedded emulator has not been switched off with {@code broker.emulator.enabled=false}. Whether production
 * settings forbid it is {@link EmbeddedGoTrue}'s check, so that it fails the start-up with a message.
 */
final class GoTrueUrlUnsetCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        boolean enabled = context.getProperty("broker.emulator.enabled", Boolean.class).orElse(true);
        String url = context.getProperty("broker.gotrue.url", String.class).orElse("");
        return enabled && url.isBlank();
    }
}
