package io.flowwatch.gateway.rest;

import io.flowwatch.events.AlertTransition;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventType;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.gateway.messaging.LiveFeed;
import io.flowwatch.gateway.service.StreamTypes;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Server-Sent Events: {@code metric} and {@code alert} events, filterable, with a heartbeat comment. */
@Path("/api/v1/stream")
public class StreamResource {

    private final LiveFeed feed;

    public StreamResource(LiveFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(hidden = true)
    public Multi<OutboundSseEvent> stream(
            @jakarta.ws.rs.core.Context Sse sse,
            @QueryParam("types") String types,
            @QueryParam("metric") String metric,
            @QueryParam("scope") String scope,
            @QueryParam("rule") String rule) {
        Set<String> wanted;
        try {
            wanted = StreamTypes.parse(types);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("types", e.getMessage());
        }
        boolean metrics = wanted.contains("metric");
        boolean alerts = wanted.contains("alert");
        Multi<OutboundSseEvent> live = feed.events()
                .filter(event -> switch (event.data()) {
                    case MetricUpdate m -> metrics && (metric == null || metric.equals(m.metric()))
                            && (scope == null || scope.equals(m.scope()));
                    case AlertTransition a -> alerts && (rule == null || rule.equals(a.ruleId()));
                    default -> false;
                })
                .map(event -> sse.newEventBuilder()
                        .id(event.id().toString())
                        .name(event.eventType() == EventType.ALERT ? "alert" : "metric")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(Event.class, event)
                        .build());
        // A comment every 15 s keeps proxies from closing an idle stream.
        Multi<OutboundSseEvent> heartbeat = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(live, heartbeat);
    }
}
