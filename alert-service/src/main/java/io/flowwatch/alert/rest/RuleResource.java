package io.flowwatch.alert.rest;

import io.flowwatch.alert.mapping.RuleDto;
import io.flowwatch.alert.mapping.RuleYaml;
import io.flowwatch.alert.service.DemoService;
import io.flowwatch.alert.service.RuleService;
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

/** Alert rules: CRUD, YAML export/import and the seed-week demo set. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** Configuration changes, logged with the request's correlation id (who changed what is in the gateway's log). */
    private static final Logger LOG = Logger.getLogger(RuleResource.class);

    private final RuleService rules;
    private final DemoService demo;

    public RuleResource(RuleService rules, DemoService demo) {
        this.rules = rules;
        this.demo = demo;
    }

    @GET
    public Uni<List<RuleDto>> list() {
        return rules.list();
    }

    @POST
    public Uni<Response> create(RuleDto rule) {
        return rules.create(rule).map(created -> {
            LOG.infof("rule %s created", created.id());
            return Response.created(location(created.id())).entity(created).build();
        });
    }

    @GET
    @Path("{id}")
    public Uni<RuleDto> get(@PathParam("id") String id) {
        return rules.get(id).onItem().ifNull().failWith(() -> new UnknownResourceException("there is no rule " + id));
    }

    @PUT
    @Path("{id}")
    public Uni<Response> put(@PathParam("id") String id, RuleDto rule) {
        return rules.put(id, rule).map(saved -> {
            LOG.infof("rule %s %s", id, saved.created() ? "created" : "replaced");
            return saved.created()
                    ? Response.created(location(id)).entity(saved.rule()).build()
                    : Response.ok(saved.rule()).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw new UnknownResourceException("there is no rule " + id);
            }
            LOG.infof("rule %s deleted", id);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("export")
    @Produces(RuleYaml.MEDIA_TYPE)
    public Uni<String> export() {
        return rules.exportYaml();
    }

    @POST
    @Path("import")
    @Consumes({RuleYaml.MEDIA_TYPE, "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    public Uni<RuleService.ImportResult> importYaml(String document) {
        return rules.importYaml(document).invoke(result -> LOG.infof("rules imported: %d created, %d replaced",
                result.created(), result.updated()));
    }

    /** Installs (or re-installs) the demo rules and channels. */
    @POST
    @Path("demo")
    @Consumes(MediaType.WILDCARD)
    public Uni<DemoService.Installed> installDemo() {
        return demo.install();
    }

    private static java.net.URI location(String id) {
        return UriBuilder.fromPath("/api/v1/rules/{id}").build(id);
    }
}
