package io.flowwatch.alert.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.alert.support.LogCapture;
import io.flowwatch.alert.support.ServersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's X-Request-Id: echoed, and in the MDC of what alert-service logs while handling the request. */
@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class RequestIdTest {

    @Test
    void aConfigurationChangeIsLoggedWithTheCallersRequestId() {
        String requestId = "req-" + UUID.randomUUID();
        String channel = "request-id-test-" + UUID.randomUUID().toString().substring(0, 8);
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", requestId).contentType(ContentType.JSON)
                    .body(Map.of("type", "email", "to", List.of("ops@example.com")))
                    .when().put("/api/v1/channels/" + channel)
                    .then().statusCode(201).header("X-Request-Id", equalTo(requestId));
            List<LogCapture.Line> lines = logs.containing("channel " + channel + " created");
            assertEquals(1, lines.size(), "one line for the change");
            assertEquals(requestId, lines.getFirst().requestId());

            String other = "req-" + UUID.randomUUID();
            given().header("X-Request-Id", other).when().delete("/api/v1/channels/" + channel)
                    .then().statusCode(204).header("X-Request-Id", equalTo(other));
            assertEquals(other, logs.containing("channel " + channel + " deleted").getFirst().requestId());
        }
    }

    @Test
    void aRequestWithoutAnIdGetsOneOfItsOwn() {
        String echoed = given().when().get("/api/v1/rules").then().statusCode(200).extract().header("X-Request-Id");
        assertEquals(UUID.fromString(echoed).toString(), echoed);
    }
}
