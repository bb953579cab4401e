package io.flowwatch.gateway.health;

import io.smallrye.health.api.Wellness;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Whether the live stream's consumers are connected to RabbitMQ, in {@code /q/health} and {@code /q/health/well}.
 * A wellness check, not liveness or readiness (the connector's own checks are off, {@code quarkus.messaging.health.
 * enabled=false}): the REST API is served by the backends and works without the broker, a restart would not bring the
 * broker back, and the consumers connect a moment after start-up, which is not a failure.
 */
@Wellness
@ApplicationScoped
public class LiveStreamHealthCheck implements HealthCheck {

    static final String NAME = "live stream";

    private final HealthCenter health;

    public LiveStreamHealthCheck(HealthCenter health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).up();
        if (!health.isInitialized()) {
            return builder.down().withData("reason", "messaging not yet initialized").build();
        }
        // The connector reports an incoming channel alive while its client is connected with an open channel.
        for (HealthReport.ChannelInfo channel : health.getLiveness().getChannels()) {
            builder.withData(channel.getChannel(), channel.isOk() ? "CONNECTED" : "NOT CONNECTED");
            if (!channel.isOk()) {
                builder.down();
            }
        }
        return builder.build();
    }
}
