package io.flowwatch.ingest.health;

import io.flowwatch.ingest.messaging.OutboxRelay;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The outbox relay's state under {@code /q/health} (and {@code /q/health/well}): always UP, because a backlog
 * does not make ingest unfit to accept (that is the point of the outbox). Readiness is left to the built-in
 * datasource and messaging checks. Reads only what the relay keeps in memory; never queries.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Status status = relay.status();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox-relay").up()
                .withData("depth", status.depth())
                .withData("published", status.published())
                .withData("brokerConnected", status.brokerConnected())
                .withData("consecutiveFailures", status.consecutiveFailures());
        if (status.lastPublishedAt() != null) {
            builder.withData("lastPublishedAt", status.lastPublishedAt().toString());
        }
        if (status.lastError() != null) {
            builder.withData("lastError", status.lastError());
            builder.withData("lastFailureAt", status.lastFailureAt().toString());
        }
        if (status.backingOffUntil() != null) {
            builder.withData("backingOffUntil", status.backingOffUntil().toString());
        }
        return builder.build();
    }
}
