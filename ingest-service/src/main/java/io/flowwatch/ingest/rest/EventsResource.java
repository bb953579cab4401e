package io.flowwatch.ingest.rest;

import io.flowwatch.ingest.service.EventQueryService;
import io.flowwatch.ingest.service.PushService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The push API and the stored events. */
@Path("/api/v1/events")
public class EventsResource {

    private final PushService push;
    private final EventQueryService events;

    public EventsResource(PushService push, EventQueryService events) {
        this.push = push;
        this.events = events;
    }

    /** One event, {@code {"events":[…]}} or an array of events; 202 once they are durable. */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/cloudevents+json", "application/cloudevents-batch+json"})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> push(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        Charsets.requireUtf8(contentType);
        return push.push(body).map(result -> Response.accepted(result).build());
    }

    /** The stored event, exactly as it was published. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@PathParam("id") String id) {
        return events.event(id).map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }
}
