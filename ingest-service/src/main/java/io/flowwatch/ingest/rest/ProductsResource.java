package io.flowwatch.ingest.rest;

import io.flowwatch.ingest.service.ProductInput;
import io.flowwatch.ingest.service.ProductService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestQuery;

/** The product registry. */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsResource {

    private final ProductService products;

    public ProductsResource(ProductService products) {
        this.products = products;
    }

    @GET
    public Uni<Response> list(@RestQuery String asset, @RestQuery String kind) {
        return products.list(asset, kind).map(list -> Response.ok(list).build());
    }

    @GET
    @Path("/{ticker}")
    public Uni<Response> get(@PathParam("ticker") String ticker) {
        return products.get(ticker).map(product -> Response.ok(product).build());
    }

    /** Creates (201 with a Location) or replaces (200) a product. */
    @PUT
    @Path("/{ticker}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("ticker") String ticker, ProductInput input, UriInfo uri) {
        return products.put(ticker, input).map(saved -> saved.created()
                ? Response.created(uri.getBaseUriBuilder().path("api/v1/products").path(saved.product().ticker()).build())
                        .entity(saved.product()).build()
                : Response.ok(saved.product()).build());
    }

    /** 204, or 409 while fund flows name the product. */
    @DELETE
    @Path("/{ticker}")
    public Uni<Response> delete(@PathParam("ticker") String ticker) {
        return products.delete(ticker).map(ignored -> Response.noContent().build());
    }
}
