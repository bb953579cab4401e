package io.flowwatch.analytics.messaging;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * Puts the correlation id that ingest sends with each event (header {@code x-request-id}: the X-Request-Id of the
 * request that brought it) into the logging MDC for one log call about that message. Batches mix requests, so the
 * id is set per message and removed right after.
 */
final class MessageMdc {

    static final String HEADER = "x-request-id";
    static final String MDC_KEY = "requestId";

    private MessageMdc() {}

    static void log(Message<?> message, Runnable logCall) {
        Object id = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(metadata -> metadata.getHeaders().get(HEADER))
                .orElse(null);
        if (id == null) {
            logCall.run();
            return;
        }
        Object before = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id.toString());
        try {
            logCall.run();
        } finally {
            if (before == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, before);
            }
        }
    }
}
