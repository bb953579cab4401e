package io.flowwatch.ingest.service.pollers;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventData;
import io.flowwatch.ingest.config.PollersConfig;
import io.flowwatch.ingest.service.Candidate;
import io.flowwatch.ingest.service.EventRules;
import io.flowwatch.ingest.service.IngestResult;
import io.flowwatch.ingest.service.IngestService;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The frame of a scheduled poller: fetch figures, turn them into events of one source, store them through the
 * same path as pushed events (so that an unchanged figure is a duplicate and nothing is published again), and
 * keep the poller's state. A failed poll backs off: the scheduled trigger skips polls until the pause is over.
 */
public abstract class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    /** What a poll stored. */
    public record Outcome(int accepted, int duplicates, int revisions) {}

    private final IngestService ingest;
    private final PollerMonitor monitor;
    private final PollersConfig.Backoff backoff;
    private final EventRules rules = new EventRules(Clock.systemUTC());
    private final PollerState state;

    protected Poller(String name, boolean enabled, IngestService ingest, PollerMonitor monitor, PollersConfig config) {
        this.ingest = ingest;
        this.monitor = monitor;
        this.backoff = config.backoff();
        this.state = monitor.register(name, enabled);
    }

    /** The figures of one poll. */
    protected abstract Uni<List<? extends EventData>> fetch(Instant now);

    protected abstract String source();

    protected abstract boolean enabled();

    public PollerState state() {
        return state;
    }

    /** For the {@code @Scheduled} trigger: polls when enabled and not backing off; never fails. */
    protected Uni<Void> scheduledPoll() {
        if (!enabled() || !state.due(Instant.now())) {
            return Uni.createFrom().voidItem();
        }
        return poll().replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Polls once now, whatever the schedule or backoff; fails when the poll failed (and records it). */
    public Uni<Outcome> poll() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Uni.createFrom().deferred(() -> fetch(now))
                .map(figures -> candidates(figures, now))
                .chain(candidates -> ingest.ingest(candidates, null))
                .map(this::succeeded)
                .onFailure().invoke(this::failed);
    }

    private List<Candidate> candidates(List<? extends EventData> figures, Instant now) {
        List<Candidate> candidates = new ArrayList<>();
        for (EventData data : figures) {
            Event<EventData> event = Event.of(UUID.randomUUID(), source(), now, data);
            List<EventRules.Violation> violations = rules.check(event, ticker -> Optional.empty());
            if (!violations.isEmpty()) {
                EventRules.Violation v = violations.getFirst();
                throw new IllegalStateException("the answer has an invalid figure for " + data.subject() + ": "
                        + v.pointer() + " " + v.value() + ": " + v.reason());
            }
            candidates.add(Candidate.of(event, 0, false));
        }
        return candidates;
    }

    private Outcome succeeded(IngestResult result) {
        Outcome outcome = new Outcome(result.accepted(), result.duplicates(), result.revisions());
        monitor.succeeded(state, outcome.accepted(), outcome.duplicates(), outcome.revisions());
        if (outcome.accepted() + outcome.revisions() > 0) {
            LOG.infof("poller %s: %d new figures, %d revisions, %d unchanged", state.name(), outcome.accepted(),
                    outcome.revisions(), outcome.duplicates());
        }
        return outcome;
    }

    private void failed(Throwable failure) {
        Duration pause = monitor.failed(state, String.valueOf(failure.getMessage() == null ? failure : failure.getMessage()),
                backoff.initial(), backoff.max());
        LOG.warnf("poller %s failed (%d in a row), next attempt in %s: %s", state.name(),
                state.snapshot().consecutiveFailures(), pause, failure.toString());
    }
}
