package io.flowwatch.ingest.rest;

import io.flowwatch.ingest.service.ReplayService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

/** Publishes the raw log (or a part of it) again, through the outbox. */
@Path("/api/v1/replay")
public class ReplayResource {

    private final ReplayService replay;

    public ReplayResource(ReplayService replay) {
        this.replay = replay;
    }

    /** Filters from the JSON body ({@code from}, {@code to}, {@code subject}, {@code type}) or the query. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> replay(@RestQuery String from, @RestQuery String to, @RestQuery String subject,
            @RestQuery String type, byte[] body) {
        ReplayService.Request request = replay.request(body, from, to, subject, type);
        return replay.replay(request).map(queued -> Response.accepted(queued).build());
    }
}
