package io.flowwatch.alert.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The service's own Prometheus metrics (at /q/metrics), beside the built-in HTTP, pool and messaging ones. */
@ApplicationScoped
public class AlertMetrics {

    private final MeterRegistry registry;
    private final Timer batch;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batch = Timer.builder("flowwatch.alert.evaluation.batch")
                .description("time to evaluate and commit one batch of metric updates")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofMillis(1))
                .maximumExpectedValue(java.time.Duration.ofSeconds(10))
                .register(registry);
    }

    public void evaluated(EvaluationService.Outcome outcome, Duration took) {
        batch.record(took);
        registry.counter("flowwatch.alert.updates", "result", "evaluated").increment(outcome.updates());
        registry.counter("flowwatch.alert.updates", "result", "duplicate").increment(outcome.duplicates());
        registry.counter("flowwatch.alert.rule.evaluations").increment(outcome.evaluations());
        registry.counter("flowwatch.alert.transitions").increment(outcome.transitions());
        registry.counter("flowwatch.alert.notifications").increment(outcome.notifications());
    }

    public void attempt(String channelType, boolean delivered, String status) {
        registry.counter("flowwatch.alert.delivery.attempts", "channel", channelType == null ? "unknown" : channelType,
                "outcome", delivered ? "delivered" : "failed", "next", status).increment();
    }
}
