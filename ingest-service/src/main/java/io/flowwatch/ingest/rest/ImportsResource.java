package io.flowwatch.ingest.rest;

import io.flowwatch.ingest.service.ImportService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

/** File imports: the body is the file, read as bytes (UTF-8). */
@Path("/api/v1/imports")
public class ImportsResource {

    private final ImportService imports;

    public ImportsResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, "application/x-ndjson", "application/jsonl",
            MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> importFile(@RestQuery String format, @RestQuery String asset, @RestQuery String kind,
            @RestQuery String source, @RestQuery String partial, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            byte[] body) {
        Charsets.requireUtf8(contentType);
        return imports.importFile(format, asset, kind, source, partial, body)
                .map(summary -> Response.ok(summary).build());
    }
}
