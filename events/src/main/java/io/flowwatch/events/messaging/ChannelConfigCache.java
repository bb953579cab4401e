package io.flowwatch.events.messaging;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the messaging channels' settings ({@code mp.messaging.*}) once they were read. The RabbitMQ connector
 * reads three of them again for every message it sends ({@code RabbitMQMessageSender.send}: retry-on-fail-attempts,
 * retry-on-fail-interval, default-routing-key), each through every interceptor and config source, and twice (the
 * channel's key, then the connector's) when the channel leaves it unset: 10–11 % of ingest's and analytics' JFR
 * execution samples at 1,000 events/s. The channels' configuration does not change while an application runs; any other key is
 * looked up as before. Outermost in the interceptor chain (the highest priority), so that a remembered value skips
 * the whole chain.
 */
@Priority(Priorities.APPLICATION + 1000)
public class ChannelConfigCache implements ConfigSourceInterceptor {

    static final String PREFIX = "mp.messaging.";

    /** Empty for a key that has no value, which is what most lookups of the connector's settings find. */
    private final ConcurrentHashMap<String, Optional<ConfigValue>> values = new ConcurrentHashMap<>();

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (!name.startsWith(PREFIX)) {
            return context.proceed(name);
        }
        Optional<ConfigValue> known = values.get(name);
        if (known == null) {
            // Not computeIfAbsent: resolving a value may look up other mp.messaging keys (expressions) meanwhile.
            known = Optional.ofNullable(context.proceed(name));
            values.putIfAbsent(name, known);
        }
        return known.orElse(null);
    }
}
