package io.flowwatch.alert.rest;

import io.flowwatch.alert.mapping.HistoryViews;
import io.flowwatch.alert.service.MalformedRequestException;
import io.flowwatch.alert.service.ParkedService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** What gave up: parked deliveries (with every attempt) and parked metric messages; both replayable. */
@Path("/api/v1/parked")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedResource {

    private final ParkedService parked;

    public ParkedResource(ParkedService parked) {
        this.parked = parked;
    }

    /** {@code ?all=true} also lists metric messages that were replayed. */
    @GET
    public Uni<List<HistoryViews.Parked>> list(@QueryParam("all") @DefaultValue("false") boolean all,
            @QueryParam("limit") @DefaultValue("1000") String limit) {
        return parked.list(all, AlertResource.limit(limit, 10_000)).map(p -> Stream.concat(
                        p.deliveries().stream().map(HistoryViews::parked),
                        p.messages().stream().map(HistoryViews::parked))
                .toList());
    }

    /** A delivery is queued again (202); a metric message is evaluated now (200), or 422 if it still fails. */
    @POST
    @Path("{id}/replay")
    public Uni<Response> replay(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("id", "'" + id + "' is not a UUID");
        }
        return parked.replay(uuid).map(replay -> Response
                .status(replay.kind().equals("delivery") ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(replay)
                .build());
    }
}
