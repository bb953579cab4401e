package io.flowwatch.analytics.config;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sizes the buffer through which the RabbitMQ connector hands delivered messages to the consumer (Mutiny's
 * {@code emitOn}, whose default of 256 is {@link Infrastructure#getBufferSizeS()}) to the prefetch in force. The
 * broker pushes up to a whole prefetch without regard to demand, and after a reconnect a second one may follow
 * before the first is drained: a buffer smaller than that overflows ({@code BackPressureFailure}) and ends the
 * stream for good. So the buffer holds four prefetches. It must be set before the connector builds its stream,
 * i.e. before Reactive Messaging starts its channels (an observer of the same event at {@code LIBRARY_BEFORE}).
 */
@ApplicationScoped
public class HandOverBuffer {

    private static final Logger LOG = Logger.getLogger(HandOverBuffer.class);

    /** The buffer for a prefetch: four prefetches, at least Mutiny's default. */
    public static int sizeFor(int prefetch) {
        return Math.max(256, Integer.highestOneBit(Math.max(1, 4 * prefetch - 1)) << 1);
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started,
            @ConfigProperty(name = "mp.messaging.incoming.events-in.max-outstanding-messages") int prefetch) {
        int size = sizeFor(prefetch);
        if (Infrastructure.getBufferSizeS() < size) {
            Infrastructure.setBufferSizeS(size);
        }
        LOG.debugf("connector hand-over buffer: %d messages for a prefetch of %d", Infrastructure.getBufferSizeS(),
                prefetch);
    }
}
