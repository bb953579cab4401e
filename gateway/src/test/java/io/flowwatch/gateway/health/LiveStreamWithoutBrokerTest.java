package io.flowwatch.gateway.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no broker to reach, the gateway is still live and ready (its REST API does not need RabbitMQ, and a restart
 * would not bring the broker back); only its wellness says the live stream is not connected.
 */
@QuarkusTest
@TestProfile(LiveStreamWithoutBrokerTest.NoBroker.class)
class LiveStreamWithoutBrokerTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rabbitmq-port", String.valueOf(closedLoopbackPort()));
        }

        /** A loopback port nothing listens on: one the system just handed out and that is closed again. */
        private static int closedLoopbackPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void liveAndReadyButNotWell() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'live stream' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'live stream' }.data.metrics-live", equalTo("NOT CONNECTED"))
                .body("checks.find { it.name == 'live stream' }.data.alerts-live", equalTo("NOT CONNECTED"));
    }
}
