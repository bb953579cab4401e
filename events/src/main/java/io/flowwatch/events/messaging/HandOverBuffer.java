package io.flowwatch.events.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Sizes the buffer through which the RabbitMQ connector hands delivered messages to a consumer (Mutiny's
 * {@code emitOn}, whose default of 256 is {@link Infrastructure#getBufferSizeS()}) to the largest prefetch
 * ({@code max-outstanding-messages}) of the service's incoming channels. The broker pushes up to a whole prefetch
 * without regard to demand, and after a reconnect a second one may follow before the first is drained: a buffer
 * smaller than that overflows ({@code BackPressureFailure}) and ends the stream for good. So the buffer holds four
 * prefetches. It must be set before the connector builds its stream, i.e. before Reactive Messaging starts its
 * channels (an observer of the same event at {@code LIBRARY_BEFORE}). Every service gets it from this module.
 */
@ApplicationScoped
public class HandOverBuffer {

    private static final Logger LOG = Logger.getLogger(HandOverBuffer.class);
    private static final Pattern PREFETCH = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.max-outstanding-messages");

    /** The buffer for a prefetch: four prefetches, at least Mutiny's default. */
    public static int sizeFor(int prefetch) {
        return Math.max(256, Integer.highestOneBit(Math.max(1, 4 * prefetch - 1)) << 1);
    }

    /** The largest prefetch that the named properties set for an incoming channel (0 when none does). */
    public static int largestPrefetch(Iterable<String> names, Function<String, String> value) {
        int largest = 0;
        for (String name : names) {
            if (PREFETCH.matcher(name).matches()) {
                largest = Math.max(largest, Integer.parseInt(value.apply(name).trim()));
            }
        }
        return largest;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started) {
        Config config = ConfigProvider.getConfig();
        int prefetch = largestPrefetch(config.getPropertyNames(), name -> config.getValue(name, String.class));
        int size = sizeFor(prefetch);
        if (Infrastructure.getBufferSizeS() < size) {
            Infrastructure.setBufferSizeS(size);
        }
        LOG.debugf("connector hand-over buffer: %d messages for a largest prefetch of %d", Infrastructure.getBufferSizeS(),
                prefetch);
    }
}
