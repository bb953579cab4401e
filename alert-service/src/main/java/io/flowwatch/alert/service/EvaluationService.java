package io.flowwatch.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.config.DomainBeans.InhibitRules;
import io.flowwatch.alert.domain.AlertEvaluator;
import io.flowwatch.alert.domain.Evaluation;
import io.flowwatch.alert.domain.InhibitRule;
import io.flowwatch.alert.domain.Notification;
import io.flowwatch.alert.domain.NotificationGrouper;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.domain.SeriesState;
import io.flowwatch.alert.domain.Silence;
import io.flowwatch.alert.domain.Silences;
import io.flowwatch.alert.domain.Transition;
import io.flowwatch.alert.repository.AlertStore;
import io.flowwatch.alert.repository.AlertStore.Selector;
import io.flowwatch.alert.repository.AlertStore.StateKey;
import io.flowwatch.alert.repository.AlertStore.StateRow;
import io.flowwatch.alert.repository.AlertStore.TransitionRow;
import io.flowwatch.alert.repository.StoredNotification;
import io.flowwatch.events.AlertTransition;
import io.flowwatch.events.Event;
import io.flowwatch.events.MetricUpdate;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates metric updates against the rules that select their series, a batch per transaction: the event ids are
 * recorded (a redelivered event is skipped), the rules' states on the series are locked, {@link AlertEvaluator}
 * moves each in update order, and the new states, the transitions (with their outbox events) and the notifications
 * (with their delivery outbox rows) are written together. Evaluation is a function of
 * the stored state and the update and every id is derived from what it names, so processing an update twice (a
 * redelivery, a replay) writes nothing new.
 */
@ApplicationScoped
public class EvaluationService {

    /** The source attribute of the events this service publishes. */
    public static final String EVENT_SOURCE = "alert";

    private final Pool pool;
    private final AlertStore store;
    private final MessageRenderer renderer;
    private final NotificationGrouper grouper;
    private final InhibitRules inhibitRules;
    private final AlertConfig config;
    private final ObjectMapper json;
    private final jakarta.enterprise.event.Event<OutboxSignal> signal;
    private final AlertMetrics metrics;

    public EvaluationService(Pool pool, AlertStore store, MessageRenderer renderer, NotificationGrouper grouper,
            InhibitRules inhibitRules, AlertConfig config, ObjectMapper json,
            jakarta.enterprise.event.Event<OutboxSignal> signal, AlertMetrics metrics) {
        this.pool = pool;
        this.store = store;
        this.renderer = renderer;
        this.grouper = grouper;
        this.inhibitRules = inhibitRules;
        this.config = config;
        this.json = json;
        this.signal = signal;
        this.metrics = metrics;
    }

    /**
     * What a batch of updates did.
     *
     * @param updates updates evaluated (not counting redeliveries)
     * @param duplicates updates skipped because their event had been evaluated before
     * @param evaluations rule evaluations (an update times the rules selecting its series)
     * @param changed rule states that changed
     * @param queued notifications queued for delivery (new, and neither silenced nor inhibited)
     */
    public record Outcome(int updates, int duplicates, int evaluations, int changed, int transitions, int notifications,
            int queued) {}

    /**
     * Evaluates the update of an event, unless that event was evaluated before (its id is recorded in the same
     * transaction, so a redelivery after a commit is skipped whole).
     */
    public Uni<Outcome> evaluate(UUID eventId, MetricUpdate update) {
        return evaluateAll(List.of(new MetricMessages.Decoded(eventId, update)));
    }

    /**
     * Evaluates updates in their order, in one transaction: all or nothing. Reading the rules and locking the states
     * of the whole batch takes one query each, and the writes go in batches, so a batch costs about what one update
     * costs.
     */
    public Uni<Outcome> evaluateAll(List<MetricMessages.Decoded> items) {
        long started = System.nanoTime();
        return pool.withTransaction(connection -> evaluateAll(connection, items))
                .invoke(outcome -> {
                    metrics.evaluated(outcome, Duration.ofNanos(System.nanoTime() - started));
                    if (outcome.queued() > 0 || outcome.transitions() > 0) {
                        signal.fire(new OutboxSignal(outcome.queued() > 0, outcome.transitions() > 0));
                    }
                });
    }

    private Uni<Outcome> evaluateAll(SqlConnection c, List<MetricMessages.Decoded> items) {
        Map<UUID, MetricUpdate> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(item.eventId(), item.update()));
        return store.markProcessed(c, unique.keySet()).chain(fresh -> {
            List<MetricUpdate> updates = unique.entrySet().stream()
                    .filter(e -> fresh.contains(e.getKey())).map(Map.Entry::getValue).toList();
            int duplicates = items.size() - updates.size();
            if (updates.isEmpty()) {
                return Uni.createFrom().item(new Outcome(0, duplicates, 0, 0, 0, 0, 0));
            }
            Set<Selector> selectors = new LinkedHashSet<>();
            updates.forEach(u -> selectors.add(new Selector(u.metric(), u.scope())));
            return store.rulesSelecting(c, selectors).chain(rulesBySelector -> {
                Set<StateKey> keys = new LinkedHashSet<>();
                for (MetricUpdate update : updates) {
                    String series = AlertEvaluator.seriesKey(update);
                    rulesBySelector.getOrDefault(new Selector(update.metric(), update.scope()), List.of())
                            .forEach(rule -> keys.add(new StateKey(rule.id(), series)));
                }
                if (keys.isEmpty()) {
                    return Uni.createFrom().item(new Outcome(updates.size(), duplicates, 0, 0, 0, 0, 0));
                }
                return store.lockStates(c, keys)
                        .chain(stored -> apply(c, updates, duplicates, rulesBySelector, stored));
            });
        });
    }

    /** Moves every rule on every series through the batch's updates in order, then writes what changed. */
    private Uni<Outcome> apply(SqlConnection c, List<MetricUpdate> updates, int duplicates,
            Map<Selector, List<Rule>> rulesBySelector, Map<StateKey, SeriesState> stored) {
        Map<StateKey, SeriesState> states = new HashMap<>(stored);
        Map<StateKey, StateRow> changed = new LinkedHashMap<>();
        List<TransitionRow> transitions = new ArrayList<>();
        List<Pending> notifications = new ArrayList<>();
        Instant now = Instant.now();
        int evaluations = 0;
        for (MetricUpdate update : updates) {
            String series = AlertEvaluator.seriesKey(update);
            for (Rule rule : rulesBySelector.getOrDefault(new Selector(update.metric(), update.scope()), List.of())) {
                StateKey key = new StateKey(rule.id(), series);
                SeriesState before = states.get(key);
                Evaluation evaluation = AlertEvaluator.evaluate(rule, before, update);
                evaluations++;
                if (evaluation.state() == before) {
                    continue; // nothing new: a duplicate, a stale or an unchanged update
                }
                states.put(key, evaluation.state());
                changed.put(key, new StateRow(rule.id(), evaluation.state(), AlertEvaluator.alertLabels(rule, update)));
                if (evaluation.transitions().isEmpty() && evaluation.notifications().isEmpty()) {
                    continue;
                }
                String message = renderer.render(rule, update);
                evaluation.transitions().forEach(t -> transitions.add(transitionRow(rule, t, message, now)));
                evaluation.notifications().forEach(n -> notifications.add(new Pending(rule, n, message)));
            }
        }
        int evaluated = evaluations;
        return store.saveStates(c, List.copyOf(changed.values()))
                .chain(() -> store.insertTransitions(c, transitions))
                .chain(() -> queue(c, notifications))
                .map(queued -> new Outcome(updates.size(), duplicates, evaluated, changed.size(), transitions.size(),
                        notifications.size(), queued));
    }

    /** A notification with what is needed to store it. */
    private record Pending(Rule rule, Notification notification, String message) {}

    /** Stores the notifications, recording silenced and inhibited ones as such, and queues the rest per channel. */
    private Uni<Integer> queue(SqlConnection c, List<Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Instant now = Instant.now();
        Uni<List<Map<String, String>>> firing = inhibitRules.isEmpty()
                ? Uni.createFrom().item(List.of())
                : store.firingAlertLabels(c);
        return store.activeSilences(c, now).chain(silenceList -> firing.chain(firingLabels -> {
            Silences silences = new Silences(silenceList);
            return Multi.createFrom().iterable(pending)
                    .onItem().transformToUniAndConcatenate(p -> store(c, p, silences, firingLabels, now))
                    .collect().asList()
                    .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
        }));
    }

    private Uni<Integer> store(SqlConnection c, Pending p, Silences silences, List<Map<String, String>> firing,
            Instant now) {
        Notification n = p.notification();
        String status = StoredNotification.QUEUED;
        String reason = null;
        Optional<Silence> silence = silences.silencing(n.labels(), now);
        if (silence.isPresent()) {
            status = StoredNotification.SILENCED;
            reason = "silence " + silence.get().id();
        } else if (InhibitRule.isInhibited(n.labels(), firing, inhibitRules.rules())) {
            status = StoredNotification.INHIBITED;
            reason = "inhibited by a firing alert (flowwatch.alert.inhibit)";
        }
        MetricUpdate update = n.update();
        StoredNotification stored = new StoredNotification(n.id(), n.ruleId(), p.rule().name(), n.series(),
                n.kindName(), n.episode(), n.at(), n.severity(), n.labels(), n.channels(), p.message(), update.value(),
                update.metric(), update.scope(), update.date(), update.context(), status, reason);
        boolean queue = status.equals(StoredNotification.QUEUED);
        String groupKey = grouper.groupKey(n).toString();
        return store.insertNotification(c, stored).chain(inserted -> {
            if (!inserted || !queue || n.channels().isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return Multi.createFrom().iterable(n.channels())
                    .onItem().transformToUniAndConcatenate(channel -> store.enqueue(c, deliveryId(n.id(), channel),
                            n.id(), channel, groupKey, config.groupWait()))
                    .collect().asList()
                    .replaceWith(1);
        });
    }

    private TransitionRow transitionRow(Rule rule, Transition t, String message, Instant now) {
        UUID id = transitionId(t);
        AlertTransition data = t.toEvent(rule, message);
        Event<AlertTransition> event = Event.of(id, EVENT_SOURCE, now, data);
        String eventJson;
        try {
            eventJson = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode transition " + id, e);
        }
        return new TransitionRow(id, rule.id(), rule.name(), t.series(), t.from(), t.to(), t.at(), t.value(),
                t.episode(), rule.severity(), t.labels(), message, event.routingKey(), eventJson);
    }

    /** The id of a transition (and of its event): what it names, so that a replay makes the same one. */
    public static UUID transitionId(Transition t) {
        String name = "flowwatch-transition|" + t.ruleId() + "|" + t.series() + "|" + t.episode() + "|" + t.from() + "|"
                + t.to() + "|" + t.at();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of a notification's delivery on a channel (the first member's, for a group). */
    public static UUID deliveryId(UUID notificationId, String channel) {
        String name = "flowwatch-delivery|" + notificationId + "|" + channel;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
