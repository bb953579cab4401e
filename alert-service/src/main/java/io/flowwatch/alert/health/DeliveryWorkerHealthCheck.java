package io.flowwatch.alert.health;

import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.repository.DeliveryRepository;
import io.flowwatch.alert.repository.TransitionOutboxRepository;
import io.flowwatch.alert.service.DeliveryWorker;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the delivery side, beside the built-in datasource and messaging checks: down only when the delivery
 * worker has stopped ticking; reports the outbox backlog (pending, parked, unpublished transitions) as data.
 */
@Readiness
@ApplicationScoped
public class DeliveryWorkerHealthCheck implements AsyncHealthCheck {

    private final DeliveryWorker worker;
    private final DeliveryRepository deliveries;
    private final TransitionOutboxRepository transitions;
    private final AlertConfig config;

    public DeliveryWorkerHealthCheck(DeliveryWorker worker, DeliveryRepository deliveries,
            TransitionOutboxRepository transitions, AlertConfig config) {
        this.worker = worker;
        this.deliveries = deliveries;
        this.transitions = transitions;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Duration sinceTick = Duration.between(worker.lastTick(), Instant.now());
        boolean ticking = sinceTick.compareTo(config.delivery().pollInterval().multipliedBy(40).plusSeconds(10)) < 0;
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("alert-delivery")
                .status(ticking)
                .withData("lastTickMillisAgo", sinceTick.toMillis())
                .withData("inFlight", worker.inFlight());
        return deliveries.countsByStatus()
                .chain(counts -> transitions.unpublished().map(unpublished -> {
                    counts.forEach((status, n) -> builder.withData("deliveries." + status, n));
                    return builder.withData("transitionsUnpublished", unpublished).build();
                }))
                .onFailure().recoverWithItem(e -> builder.withData("backlog", "unknown: " + e.getMessage()).build());
    }
}
