package io.flowwatch.analytics.rest;

import io.flowwatch.analytics.messaging.ParkedMessage;
import io.flowwatch.analytics.messaging.ParkingLot;
import io.flowwatch.analytics.service.UnknownScopeException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Messages that could not be processed: listed with their reason, and moved back to the events queue on demand. */
@Path("/api/v1/parked")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedResource {

    private final ParkingLot parking;

    public ParkedResource(ParkingLot parking) {
        this.parking = parking;
    }

    @GET
    @Operation(summary = "Parked messages, oldest first: id, routing key, reason, body")
    public Uni<List<ParkedMessage>> list(@RestQuery String limit) {
        int max = Params.limit("limit", limit, 100, 1000);
        return Uni.createFrom().item(() -> parking.list(max)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Moves a parked message back to the events queue")
    public Uni<ParkedMessage> replay(@RestPath String id) {
        return Uni.createFrom().item(() -> parking.replay(id).orElseThrow(
                        () -> new UnknownScopeException("no parked message with id " + id)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
