package io.flowwatch.events.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import jakarta.annotation.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ChannelConfigCacheTest {

    /** Stands for the chain's other interceptors (profiles, expressions, …): records what reaches it. */
    @Priority(Priorities.LIBRARY)
    public static class Recording implements ConfigSourceInterceptor {
        final List<String> lookups = new ArrayList<>();

        @Override
        public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
            lookups.add(name);
            return context.proceed(name);
        }
    }

    private final Recording recording = new Recording();

    private SmallRyeConfig config() {
        return new SmallRyeConfigBuilder()
                .withInterceptors(new ChannelConfigCache(), recording)
                .withSources(new MapBackedConfigSource("test", Map.of(
                        "mp.messaging.outgoing.events-out.retry-on-fail-attempts", "3",
                        "flowwatch.relay.batch-size", "500"), 100) {})
                .build();
    }

    @Test
    void aChannelSettingIsLookedUpOnceAndThenRemembered() {
        SmallRyeConfig config = config();
        for (int i = 0; i < 3; i++) {
            assertEquals(3, config.getValue("mp.messaging.outgoing.events-out.retry-on-fail-attempts", Integer.class));
        }
        assertEquals(List.of("mp.messaging.outgoing.events-out.retry-on-fail-attempts"), recording.lookups);
    }

    @Test
    void aChannelSettingWithoutValueIsRememberedAsAbsent() {
        SmallRyeConfig config = config();
        for (int i = 0; i < 3; i++) {
            assertFalse(config.getOptionalValue("mp.messaging.connector.smallrye-rabbitmq.default-routing-key",
                    String.class).isPresent());
        }
        assertEquals(1, recording.lookups.size());
    }

    @Test
    void everyServiceFindsItThroughTheServiceLoader() {
        // How Quarkus (and SmallRye Config) pick up interceptors: without the services file no service would use it.
        assertTrue(ServiceLoader.load(ConfigSourceInterceptor.class).stream()
                .anyMatch(provider -> provider.type() == ChannelConfigCache.class));
    }

    @Test
    void otherKeysAreLookedUpEveryTime() {
        SmallRyeConfig config = config();
        for (int i = 0; i < 3; i++) {
            assertEquals(500, config.getValue("flowwatch.relay.batch-size", Integer.class));
        }
        assertEquals(3, recording.lookups.size());
        assertTrue(recording.lookups.stream().allMatch("flowwatch.relay.batch-size"::equals));
    }
}
