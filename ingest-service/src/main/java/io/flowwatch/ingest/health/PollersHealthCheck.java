package io.flowwatch.ingest.health;

import io.flowwatch.ingest.service.pollers.PollerMonitor;
import io.flowwatch.ingest.service.pollers.PollerState;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The pollers' states under {@code /q/health} (and {@code /q/health/well}): always UP, since every poller is
 * optional; a failing one shows {@code <name>.state=backoff} with its error and next attempt. Never affects
 * readiness or liveness.
 */
@Wellness
@ApplicationScoped
public class PollersHealthCheck implements HealthCheck {

    private final PollerMonitor monitor;

    public PollersHealthCheck(PollerMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("pollers").up();
        for (PollerState.Snapshot poller : monitor.snapshots()) {
            String name = poller.name();
            builder.withData(name + ".enabled", poller.enabled());
            builder.withData(name + ".state", poller.state());
            builder.withData(name + ".consecutiveFailures", poller.consecutiveFailures());
            if (poller.lastSuccessAt() != null) {
                builder.withData(name + ".lastSuccessAt", poller.lastSuccessAt().toString());
            }
            if (poller.lastError() != null) {
                builder.withData(name + ".lastError", poller.lastError());
                builder.withData(name + ".lastFailureAt", poller.lastFailureAt().toString());
            }
            if (poller.nextAttemptAt() != null) {
                builder.withData(name + ".nextAttemptAt", poller.nextAttemptAt().toString());
            }
        }
        return builder.build();
    }
}
