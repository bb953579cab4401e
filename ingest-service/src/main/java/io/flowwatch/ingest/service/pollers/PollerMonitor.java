package io.flowwatch.ingest.service.pollers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states of all pollers, and their metrics: {@code flowwatch_poller_failures_total{poller}},
 * {@code flowwatch_poller_polls_total{poller}} and {@code flowwatch_poller_last_success_timestamp_seconds{poller}}
 * (0 before the first success).
 */
@ApplicationScoped
public class PollerMonitor {

    private final MeterRegistry registry;
    private final Map<String, PollerState> states = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<String, Counter> polls = new ConcurrentHashMap<>();

    public PollerMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The state of a poller, registered with its metrics on first use. */
    public PollerState register(String name, boolean enabled) {
        return states.computeIfAbsent(name, n -> {
            PollerState state = new PollerState(n, enabled);
            failures.put(n, Counter.builder("flowwatch.poller.failures").tag("poller", n)
                    .description("Polls that failed").register(registry));
            polls.put(n, Counter.builder("flowwatch.poller.polls").tag("poller", n)
                    .description("Polls that succeeded").register(registry));
            Gauge.builder("flowwatch.poller.last.success.timestamp", state,
                            s -> s.lastSuccessAt() == null ? 0 : s.lastSuccessAt().toEpochMilli() / 1000.0)
                    .tag("poller", n)
                    .baseUnit("seconds")
                    .description("When the poller last succeeded (Unix time)")
                    .register(registry);
            return state;
        });
    }

    public void succeeded(PollerState state, int accepted, int duplicates, int revisions) {
        state.succeeded(Instant.now(), accepted, duplicates, revisions);
        polls.get(state.name()).increment();
    }

    public Duration failed(PollerState state, String error, Duration initial, Duration max) {
        failures.get(state.name()).increment();
        return state.failed(Instant.now(), error, initial, max);
    }

    public List<PollerState.Snapshot> snapshots() {
        Collection<PollerState> all = states.values();
        return all.stream().map(PollerState::snapshot)
                .sorted(java.util.Comparator.comparing(PollerState.Snapshot::name)).toList();
    }
}
