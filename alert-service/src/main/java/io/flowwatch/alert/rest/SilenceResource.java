package io.flowwatch.alert.rest;

import io.flowwatch.alert.mapping.SilenceDto;
import io.flowwatch.alert.service.SilenceService;
import io.flowwatch.alert.service.UnknownResourceException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.jboss.logging.Logger;

/** Silences: label matchers with an expiry. */
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /** Configuration changes, logged with the request's correlation id (who changed what is in the gateway's log). */
    private static final Logger LOG = Logger.getLogger(SilenceResource.class);

    private final SilenceService silences;

    public SilenceResource(SilenceService silences) {
        this.silences = silences;
    }

    /** Active and pending silences; {@code ?all=true} adds the expired ones. */
    @GET
    public Uni<List<SilenceDto>> list(@QueryParam("all") @DefaultValue("false") boolean all) {
        return silences.list(all);
    }

    @POST
    public Uni<Response> create(SilenceDto silence) {
        return silences.create(silence).map(created -> {
            LOG.infof("silence %s created", created.id());
            return Response.created(UriBuilder.fromPath("/api/v1/silences/{id}").build(created.id())).entity(created)
                    .build();
        });
    }

    /** Expires the silence now. */
    @DELETE
    @Path("{id}")
    public Uni<Response> expire(@PathParam("id") String id) {
        return silences.expire(id).map(found -> {
            if (!found) {
                throw new UnknownResourceException("there is no silence " + id);
            }
            LOG.infof("silence %s expired", id);
            return Response.noContent().build();
        });
    }
}
