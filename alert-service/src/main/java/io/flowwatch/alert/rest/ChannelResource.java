package io.flowwatch.alert.rest;

import io.flowwatch.alert.mapping.ChannelDto;
import io.flowwatch.alert.service.ChannelService;
import io.flowwatch.alert.service.UnknownResourceException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.jboss.logging.Logger;

/** Notification channels (webhooks and e-mail). */
@Path("/api/v1/channels")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ChannelResource {

    /** Configuration changes, logged with the request's correlation id (who changed what is in the gateway's log). */
    private static final Logger LOG = Logger.getLogger(ChannelResource.class);

    private final ChannelService channels;

    public ChannelResource(ChannelService channels) {
        this.channels = channels;
    }

    @GET
    public Uni<List<ChannelDto>> list() {
        return channels.list();
    }

    /** Creates a channel; a webhook's secret (generated unless given) is in this answer and no other. */
    @POST
    public Uni<Response> create(ChannelDto channel) {
        return channels.create(channel).map(created -> {
            LOG.infof("channel %s created", created.id());
            return Response.created(location(created.id())).entity(created).build();
        });
    }

    @GET
    @Path("{id}")
    public Uni<ChannelDto> get(@PathParam("id") String id) {
        return channels.get(id).onItem().ifNull().failWith(() -> new UnknownResourceException("there is no channel " + id));
    }

    @PUT
    @Path("{id}")
    public Uni<Response> put(@PathParam("id") String id, ChannelDto channel) {
        return channels.put(id, channel).map(saved -> {
            LOG.infof("channel %s %s", id, saved.created() ? "created" : "replaced");
            return saved.created()
                    ? Response.created(location(id)).entity(saved.channel()).build()
                    : Response.ok(saved.channel()).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return channels.delete(id).map(deleted -> {
            if (!deleted) {
                throw new UnknownResourceException("there is no channel " + id);
            }
            LOG.infof("channel %s deleted", id);
            return Response.noContent().build();
        });
    }

    private static java.net.URI location(String id) {
        return UriBuilder.fromPath("/api/v1/channels/{id}").build(id);
    }
}
