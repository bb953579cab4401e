package io.flowwatch.ingest.service;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * What ties an accepted batch to the request that brought it, kept on each outbox row because the relay publishes
 * later, outside the request: its X-Request-Id (the MDC's {@code requestId}) and its trace as a W3C
 * {@code traceparent}. Either may be null (pollers have no request; a request without a trace has no traceparent).
 */
public record Correlation(String requestId, String traceparent) {

    public static final Correlation NONE = new Correlation(null, null);

    /** The correlation of the work in progress on this context. */
    public static Correlation current() {
        Object requestId = MDC.get("requestId");
        String traceparent = null;
        if (Span.current().getSpanContext().isValid()) {
            Map<String, String> headers = new HashMap<>(2);
            W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
            traceparent = headers.get("traceparent");
        }
        return new Correlation(requestId == null ? null : requestId.toString(), traceparent);
    }
}
