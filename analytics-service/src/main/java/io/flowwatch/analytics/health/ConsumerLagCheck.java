package io.flowwatch.analytics.health;

import io.flowwatch.analytics.messaging.ParkingLot;
import io.flowwatch.analytics.service.OutboxService;
import io.flowwatch.analytics.messaging.VertxContexts;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports how far the consumer is behind (ready messages in the events queue), how many messages are parked and how
 * many metric updates wait in the outbox, as data. It never fails readiness: being behind is not being broken, and
 * the built-in datasource and messaging checks already report the connections.
 */
@Readiness
@ApplicationScoped
public class ConsumerLagCheck implements AsyncHealthCheck {

    private final ParkingLot parking;
    private final OutboxService outbox;
    private final VertxContexts contexts;

    public ConsumerLagCheck(ParkingLot parking, OutboxService outbox, VertxContexts contexts) {
        this.parking = parking;
        this.outbox = outbox;
        this.contexts = contexts;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("analytics consumer lag").up()
                .withData("queue", parking.queue());
        Uni<HealthCheckResponseBuilder> depths = Uni.createFrom().item(parking::depths)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(queues -> builder.withData("messagesReady", queues.ready())
                        .withData("consumers", queues.consumers())
                        .withData("parked", queues.parked()))
                .onFailure().recoverWithItem(failure -> builder.withData("queueError", failure.getMessage()));
        return depths
                .chain(ignored -> contexts.onNewContext(outbox::unsent))
                .map(unsent -> builder.withData("metricsUnsent", unsent))
                .onFailure().recoverWithItem(failure -> builder.withData("outboxError", String.valueOf(failure.getMessage())))
                .map(HealthCheckResponseBuilder::build);
    }
}
