package dev.anonbroker.gate.ip;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * {@code broker.client-ip.*}: which source of the visitor's IP the operator trusts.
 *
 * @param source         where the IP comes from; the TCP peer by default
 * @param trustedHops    for {@code x-forwarded-for} and {@code forwarded}: how many proxies the operator runs in
 *                       front of the broker, i.e. which entry, counted from the right, is the visitor
 * @param trustedProxies CIDRs of those proxies; when set, forwarding headers are read only from these peers
 */
@ConfigurationProperties(ClientIpConfiguration.PREFIX)
public record ClientIpConfiguration(@Bindable(defaultValue = "peer") ClientIpSource source,
                                    @Bindable(defaultValue = "1") int trustedHops,
                                    @Nullable List<String> trustedProxies) {

    public static final String PREFIX = "broker.client-ip";

    public ClientIpConfiguration {
        if (trustedHops < 1) {
            throw new ConfigurationException(PREFIX + ".trusted-hops must be at least 1 (the number of proxies you run "
                    + "in front of the broker), got " + trustedHops);
        }
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
