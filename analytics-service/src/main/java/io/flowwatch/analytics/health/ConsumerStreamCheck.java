package io.flowwatch.analytics.health;

import io.flowwatch.analytics.messaging.EventConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN once a consumed event stream has ended (the connector gave up on it): the service would stay up without
 * consuming anything, so it must be restarted — which is what a failing liveness probe makes Kubernetes do.
 */
@Liveness
@ApplicationScoped
public class ConsumerStreamCheck implements HealthCheck {

    private final EventConsumer consumer;

    public ConsumerStreamCheck(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        return consumer.endedStream()
                .map(reason -> HealthCheckResponse.named("analytics event stream").down().withData("reason", reason).build())
                .orElseGet(() -> HealthCheckResponse.named("analytics event stream").up().build());
    }
}
