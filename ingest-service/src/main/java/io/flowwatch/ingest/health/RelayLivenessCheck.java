package io.flowwatch.ingest.health;

import io.flowwatch.events.messaging.StalledConfirms;
import io.flowwatch.ingest.config.RelayConfig;
import io.flowwatch.ingest.messaging.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the outbox relay has stalled: {@code flowwatch.relay.stalled-after} rounds in a row ended waiting for
 * confirms while the channel reported its connection up (see {@link OutboxRelay.Status#unconfirmedRounds()}). A
 * broker that is down does not count (the relay does not publish then), nor does a backlog. Restarting the instance
 * loses nothing: the rows stay in the outbox and go out once a fresh connection confirms them.
 */
@Liveness
@ApplicationScoped
public class RelayLivenessCheck implements HealthCheck {

    private final Supplier<OutboxRelay.Status> status;
    private final int stalledAfter;

    @Inject
    public RelayLivenessCheck(OutboxRelay relay, RelayConfig config) {
        this(relay::status, config.stalledAfter());
    }

    RelayLivenessCheck(Supplier<OutboxRelay.Status> status, int stalledAfter) {
        this.status = status;
        this.stalledAfter = stalledAfter;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Status now = status.get();
        boolean stalled = StalledConfirms.stalled(now.unconfirmedRounds(), now.brokerConnected(), stalledAfter);
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("outbox-relay-confirms").status(!stalled)
                .withData("unconfirmedRounds", now.unconfirmedRounds())
                .withData("stalledAfter", stalledAfter);
        if (stalled) {
            builder.withData("reason", "the broker has confirmed no round of the relay's last " + now.unconfirmedRounds()
                    + " although the connection is up (last: " + now.lastError() + ")");
        }
        return builder.build();
    }
}
