package io.flowwatch.alert.service;

import io.flowwatch.alert.repository.DeliveryRepository;
import io.flowwatch.alert.repository.DeliveryRepository.DeliveryRow;
import io.flowwatch.alert.repository.HistoryRepository;
import io.flowwatch.alert.repository.HistoryRepository.Filter;
import io.flowwatch.alert.repository.HistoryRepository.TransitionRow;
import io.flowwatch.alert.repository.StoredNotification;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The alert history: every transition, every notification with its deliveries and every attempt. */
@ApplicationScoped
public class HistoryService {

    private final HistoryRepository history;
    private final DeliveryRepository deliveries;

    public HistoryService(HistoryRepository history, DeliveryRepository deliveries) {
        this.history = history;
        this.deliveries = deliveries;
    }

    /** One entry of the history: a transition, or a notification with its deliveries. */
    public sealed interface Entry permits TransitionEntry, NotificationEntry {
        java.time.Instant at();
    }

    public record TransitionEntry(TransitionRow transition) implements Entry {
        @Override
        public java.time.Instant at() {
            return transition.at();
        }
    }

    public record NotificationEntry(StoredNotification notification, List<DeliveryRow> deliveries) implements Entry {
        @Override
        public java.time.Instant at() {
            return notification.at();
        }
    }

    /** Transitions and notifications in metric-time order (a transition before the notification it caused). */
    public Uni<List<Entry>> query(Filter filter) {
        return history.transitions(filter).chain(transitions -> history.notifications(filter).chain(notifications ->
                deliveries.deliveriesOf(notifications.stream().map(StoredNotification::id).toList())
                        .map(byNotification -> merge(transitions, notifications, byNotification, filter.limit()))));
    }

    private static List<Entry> merge(List<TransitionRow> transitions, List<StoredNotification> notifications,
            Map<java.util.UUID, List<DeliveryRow>> byNotification, int limit) {
        return Stream.concat(
                        transitions.stream().map(t -> (Entry) new TransitionEntry(t)),
                        notifications.stream().map(n -> (Entry) new NotificationEntry(n,
                                byNotification.getOrDefault(n.id(), List.of()))))
                .sorted(Comparator.comparing(Entry::at).thenComparing(e -> e instanceof TransitionEntry ? 0 : 1))
                .limit(limit)
                .toList();
    }
}
