package io.flowwatch.alert.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.flowwatch.alert.support.ServersResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class HealthTest {

    @Test
    void readinessCoversTheDatabaseTheBrokerAndTheDeliveryWorker() {
        // Awaited, here and below: right after start-up the consumers may not have connected to the broker yet.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("alert-delivery", "Reactive PostgreSQL connections health check",
                        "SmallRye Reactive Messaging - readiness check")));
    }

    @Test
    void livenessStaysTrivial() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP")));
    }
}
