package io.flowwatch.analytics.health;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.messaging.MetricSender;
import io.flowwatch.analytics.service.OutboxService;
import io.flowwatch.events.messaging.StalledConfirms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the metric relay has stalled: {@code flowwatch.analytics.outbox.stalled-after} rounds in a row ended with
 * updates unconfirmed while the channel reported its connection up, although every 2nd of them put the channel on a
 * new connection. A broker that is down does not count, nor does a backlog. Restarting the instance loses nothing:
 * the rows stay in the metric outbox until a confirm marks them sent.
 */
@Liveness
@ApplicationScoped
public class MetricRelayLivenessCheck implements HealthCheck {

    private final IntSupplier unconfirmedRounds;
    private final BooleanSupplier connected;
    private final int stalledAfter;

    @Inject
    public MetricRelayLivenessCheck(OutboxService outbox, MetricSender sender, AnalyticsConfig config) {
        this(outbox::unconfirmedRounds, sender::connected, config.outbox().stalledAfter());
    }

    MetricRelayLivenessCheck(IntSupplier unconfirmedRounds, BooleanSupplier connected, int stalledAfter) {
        this.unconfirmedRounds = unconfirmedRounds;
        this.connected = connected;
        this.stalledAfter = stalledAfter;
    }

    @Override
    public HealthCheckResponse call() {
        int rounds = unconfirmedRounds.getAsInt();
        boolean stalled = StalledConfirms.stalled(rounds, connected.getAsBoolean(), stalledAfter);
        return HealthCheckResponse.named("metric-relay-confirms").status(!stalled)
                .withData("unconfirmedRounds", rounds)
                .withData("stalledAfter", stalledAfter)
                .build();
    }
}
