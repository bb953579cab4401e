package io.flowwatch.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document passes a third-party validator and documents the public API. */
@QuarkusTest
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = true)
class OpenApiDocumentTest {

    @Test
    void documentIsValidAndComplete() {
        String document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);

        assertNotNull(result.getOpenAPI(), "the document parses");
        assertTrue(result.getMessages() == null || result.getMessages().isEmpty(),
                () -> "validator messages: " + result.getMessages());
        for (String path : List.of("/api/v1/events", "/api/v1/imports", "/api/v1/flows/summary", "/api/v1/rules",
                "/api/v1/stream", "/api/v1/keys", "/api/v1/replay", "/api/v1/parked")) {
            assertTrue(result.getOpenAPI().getPaths().containsKey(path), path + " is documented");
        }
        assertTrue(result.getOpenAPI().getPaths().keySet().stream().noneMatch(p -> p.contains("{path")),
                "the internal catch-all route is not published");
        var schemes = result.getOpenAPI().getComponents().getSecuritySchemes();
        assertEquals(SecurityScheme.Type.APIKEY, schemes.get("apiKey").getType());
        assertEquals(SecurityScheme.Type.HTTP, schemes.get("bearerToken").getType());
        assertEquals("bearer", schemes.get("bearerToken").getScheme());
        assertEquals(2, result.getOpenAPI().getSecurity().size(), "either credential is accepted");
    }
}
