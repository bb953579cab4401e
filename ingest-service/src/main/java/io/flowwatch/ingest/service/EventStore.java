package io.flowwatch.ingest.service;

import io.flowwatch.events.Event;
import io.flowwatch.events.EventCodec;
import io.flowwatch.events.FundFlow;
import io.flowwatch.ingest.repository.EventLogRepository;
import io.flowwatch.ingest.repository.EventLogRepository.FigureRow;
import io.flowwatch.ingest.repository.EventLogRepository.LogRow;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Stores a batch of candidates in one transaction: decides for each whether it is new, a duplicate (its id is
 * known, or its figure is the one in force) or a revision (another figure for a known key), then appends the new
 * ones and their revisions to the raw log and queues them in the outbox. Nothing is published here: the outbox
 * relay does that once the transaction has committed.
 */
@ApplicationScoped
public class EventStore {

    /** What became of one candidate. */
    public enum Status {
        ACCEPTED,
        DUPLICATE,
        REVISION;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * @param id the stored event's id; for a duplicate the id of the event already stored
     * @param revision the figure's revision under its key (0 for a duplicate)
     * @param event the event as stored; null for a duplicate
     */
    public record Outcome(UUID id, Status status, int revision, Event<?> event, int line) {}

    private final EventLogRepository log;

    public EventStore(EventLogRepository log) {
        this.log = log;
    }

    /**
     * @param acceptedAt the acceptance time of the whole batch
     * @param correlation the request that brought the batch (its id and trace), kept on the outbox
     * @param progress told the number of events appended so far, after each statement
     * @return one outcome per candidate, in order
     */
    @WithTransaction
    public Uni<List<Outcome>> store(List<Candidate> candidates, Instant acceptedAt, Correlation correlation,
            IntConsumer progress) {
        Outcome[] outcomes = new Outcome[candidates.size()];
        List<UUID> ids = candidates.stream().filter(Candidate::idGiven).map(c -> c.event().id()).distinct().toList();
        return inChunks(ids, log::existingIds).chain(known -> {
            Set<UUID> existing = new HashSet<>();
            known.forEach(existing::addAll);
            Set<UUID> seen = new HashSet<>();
            // Wave k holds the k-th occurrence of each figure key, so that one statement never sees a key twice.
            List<List<Integer>> waves = new ArrayList<>();
            Map<String, Integer> occurrences = new HashMap<>();
            for (int i = 0; i < candidates.size(); i++) {
                UUID id = candidates.get(i).event().id();
                if (existing.contains(id) || !seen.add(id)) {
                    outcomes[i] = new Outcome(id, Status.DUPLICATE, 0, null, candidates.get(i).line());
                    continue;
                }
                int wave = occurrences.merge(candidates.get(i).figureKey(), 1, Integer::sum) - 1;
                if (wave == waves.size()) {
                    waves.add(new ArrayList<>());
                }
                waves.get(wave).add(i);
            }
            return Multi.createFrom().iterable(waves)
                    .onItem().transformToUniAndConcatenate(wave -> offer(candidates, wave, outcomes, acceptedAt))
                    .collect().last();
        }).chain(() -> {
            List<LogRow> rows = new ArrayList<>();
            for (int i = 0; i < outcomes.length; i++) {
                Outcome outcome = outcomes[i];
                if (outcome.status() != Status.DUPLICATE) {
                    Candidate candidate = candidates.get(i);
                    Event<?> event = outcome.event();
                    rows.add(new LogRow(event.id(), event.type(), event.source(), event.subject(), event.routingKey(),
                            candidate.figureKey(), outcome.revision(), EventCodec.encodeToString(event)));
                }
            }
            AtomicInteger appended = new AtomicInteger();
            return Multi.createFrom().iterable(EventLogRepository.chunks(rows, EventLogRepository.MAX_ROWS))
                    .onItem().transformToUniAndConcatenate(chunk -> log.append(chunk, acceptedAt, correlation.requestId(), correlation.traceparent())
                            .invoke(() -> progress.accept(appended.addAndGet(chunk.size()))))
                    .collect().last();
        }).map(ignored -> List.of(outcomes));
    }

    /** Offers one wave of figures; fills the outcomes of its candidates. */
    private Uni<Void> offer(List<Candidate> candidates, List<Integer> wave, Outcome[] outcomes, Instant acceptedAt) {
        List<Integer> byKey = new ArrayList<>(wave);
        byKey.sort(Comparator.comparing(i -> candidates.get(i).figureKey()));
        List<FigureRow> rows = byKey.stream().map(i -> {
            Candidate c = candidates.get(i);
            return new FigureRow(c.figureKey(), c.figure(), c.event().id());
        }).toList();
        return inChunks(rows, chunk -> log.offerFigures(chunk, acceptedAt)).chain(results -> {
            Map<String, Integer> revisions = new HashMap<>();
            results.forEach(revisions::putAll);
            List<String> duplicateKeys = new ArrayList<>();
            for (int i : wave) {
                Candidate candidate = candidates.get(i);
                Integer revision = revisions.get(candidate.figureKey());
                if (revision == null) {
                    duplicateKeys.add(candidate.figureKey());
                } else {
                    Event<?> event = withRevision(candidate.event(), revision);
                    outcomes[i] = new Outcome(event.id(), revision == 1 ? Status.ACCEPTED : Status.REVISION, revision,
                            event, candidate.line());
                }
            }
            return inChunks(duplicateKeys, log::figureEvents).map(found -> {
                Map<String, UUID> inForce = new HashMap<>();
                found.forEach(inForce::putAll);
                for (int i : wave) {
                    if (outcomes[i] == null) {
                        Candidate candidate = candidates.get(i);
                        UUID id = inForce.getOrDefault(candidate.figureKey(), candidate.event().id());
                        outcomes[i] = new Outcome(id, Status.DUPLICATE, 0, null, candidate.line());
                    }
                }
                return null;
            });
        });
    }

    private static Event<?> withRevision(Event<?> event, int revision) {
        if (event.data() instanceof FundFlow flow && flow.revision() != revision) {
            FundFlow revised = new FundFlow(flow.product(), flow.issuer(), flow.asset(), flow.productKind(),
                    flow.tradingDate(), flow.netFlowUsd(), revision);
            return Event.of(event.id(), event.source(), event.time(), revised);
        }
        return event;
    }

    /** Runs a statement per chunk of at most {@link EventLogRepository#MAX_ROWS} items, one after the other. */
    private static <T, R> Uni<List<R>> inChunks(List<T> items, java.util.function.Function<List<T>, Uni<R>> statement) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(EventLogRepository.chunks(items, EventLogRepository.MAX_ROWS))
                .onItem().<R>transformToUniAndConcatenate(chunk -> statement.apply(chunk))
                .collect().asList();
    }
}
