package io.flowwatch.gateway.health;

import io.flowwatch.gateway.config.GatewayConfig;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;

/**
 * The system's health as the gateway sees it: each backend's own readiness, in {@code /q/health} (and
 * {@code /q/health/well}). A wellness check, not readiness: one failing backend must not take the whole public
 * API out of service.
 */
@Wellness
@ApplicationScoped
public class BackendsHealthCheck implements AsyncHealthCheck {

    private final WebClient client;
    private final Map<String, String> backends;

    public BackendsHealthCheck(Vertx vertx, GatewayConfig config) {
        this.client = WebClient.create(vertx);
        this.backends = Map.of(
                "ingest-service", config.ingestUrl(),
                "analytics-service", config.analyticsUrl(),
                "alert-service", config.alertUrl());
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<Uni<Map.Entry<String, String>>> checks = backends.entrySet().stream()
                .map(entry -> probe(entry.getValue()).map(state -> Map.entry(entry.getKey(), state)))
                .toList();
        return Uni.join().all(checks).andFailFast().map(results -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("backends").up();
            for (var result : results) {
                builder.withData(result.getKey(), result.getValue());
                if (!result.getValue().equals("UP")) {
                    builder.down();
                }
            }
            return builder.build();
        });
    }

    private Uni<String> probe(String baseUrl) {
        URI base = URI.create(baseUrl);
        return client.get(base.getPort() > 0 ? base.getPort() : 80, base.getHost(), "/q/health/ready")
                .timeout(2_000)
                .send()
                .map(response -> response.statusCode() == 200 ? "UP" : "DOWN (" + response.statusCode() + ")")
                .onFailure().recoverWithItem(failure -> "UNREACHABLE (" + failure.getMessage() + ")")
                .ifNoItem().after(Duration.ofSeconds(3)).recoverWithItem("UNREACHABLE (timeout)");
    }
}
