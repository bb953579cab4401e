package io.flowwatch.ingest.rest;

import io.flowwatch.ingest.service.EventQueryService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Counts for operators: events per type, the outbox depth, the relay's state. */
@Path("/api/v1/ingest/stats")
public class IngestStatsResource {

    private final EventQueryService events;

    public IngestStatsResource(EventQueryService events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> stats() {
        return events.stats().map(stats -> Response.ok(stats).build());
    }
}
