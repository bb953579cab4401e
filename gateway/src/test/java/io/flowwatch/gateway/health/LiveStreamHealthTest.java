package io.flowwatch.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With the broker up, the live stream's consumers connect and the wellness check says so, channel by channel. */
@QuarkusTest
class LiveStreamHealthTest {

    @Test
    void theConsumersConnectAndWellnessReportsThem() {
        given().when().get("/q/health/live").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/well")
                .then()
                .body("checks.find { it.name == 'live stream' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'live stream' }.data.metrics-live", equalTo("CONNECTED"))
                .body("checks.find { it.name == 'live stream' }.data.alerts-live", equalTo("CONNECTED")));
    }
}
