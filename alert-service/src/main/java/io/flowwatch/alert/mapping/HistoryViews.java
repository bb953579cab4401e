package io.flowwatch.alert.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.flowwatch.alert.repository.DeliveryRepository.AttemptRow;
import io.flowwatch.alert.repository.DeliveryRepository.DeliveryRow;
import io.flowwatch.alert.repository.HistoryRepository.TransitionRow;
import io.flowwatch.alert.repository.ParkedMessageRepository.ParkedMessage;
import io.flowwatch.alert.repository.StoredNotification;
import io.flowwatch.alert.service.HistoryService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON of the alert history and of the parked list. */
public final class HistoryViews {

    private HistoryViews() {}

    /**
     * One history entry. {@code kind} {@code transition}: {@code from} → {@code state}. {@code kind}
     * {@code notification}: {@code type} ({@code alert.firing|alert.repeat|alert.resolved}), {@code status}
     * ({@code queued}, {@code silenced}, {@code inhibited}) and its deliveries with every attempt.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "id", "ruleId", "ruleName", "series", "from", "state", "type", "episode", "at",
            "value", "severity", "message", "labels", "status", "reason", "date", "context", "recordedAt", "deliveries"})
    public record Entry(
            String kind, UUID id, String ruleId, String ruleName, String series, String from, String state,
            String type, Integer episode, Instant at, BigDecimal value, String severity, String message,
            Map<String, String> labels, String status, String reason, LocalDate date, Map<String, String> context,
            Instant recordedAt, List<Delivery> deliveries) {}

    /** A delivery of a notification on one channel, with every attempt. */
    @JsonPropertyOrder({"id", "channel", "status", "attempts", "nextAttemptAt", "deliveredAt", "parkedAt", "lastError",
            "notifications", "attemptLog"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(UUID id, String channel, String status, int attempts, Instant nextAttemptAt,
            Instant deliveredAt, Instant parkedAt, String lastError, List<UUID> notifications,
            List<AttemptRow> attemptLog) {}

    /** Something parked: a delivery that gave up ({@code kind=delivery}) or a metric message ({@code kind=metric}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "kind", "status", "parkedAt", "channel", "notifications", "attempts", "lastError",
            "attemptLog", "queue", "routingKey", "reason", "error", "timesParked", "replayedAt", "replayError",
            "headers", "body"})
    public record Parked(UUID id, String kind, String status, Instant parkedAt, String channel, List<UUID> notifications,
            Integer attempts, String lastError, List<AttemptRow> attemptLog, String queue, String routingKey,
            String reason, String error, Integer timesParked, Instant replayedAt, String replayError,
            Map<String, Object> headers, String body) {}

    public static Entry of(HistoryService.Entry entry) {
        return switch (entry) {
            case HistoryService.TransitionEntry t -> transition(t.transition());
            case HistoryService.NotificationEntry n -> notification(n.notification(), n.deliveries());
        };
    }

    private static Entry transition(TransitionRow t) {
        return new Entry("transition", t.id(), t.ruleId(), t.ruleName(), t.series(), t.from(), t.to(), null,
                t.episode(), t.at(), t.value(), t.severity(), t.message(), t.labels(), null, null, null, null,
                t.recordedAt(), null);
    }

    private static Entry notification(StoredNotification n, List<DeliveryRow> deliveries) {
        return new Entry("notification", n.id(), n.ruleId(), n.ruleName(), n.series(), null, n.state(), n.eventType(),
                n.episode(), n.at(), n.value(), n.severity(), n.message(), n.labels(), n.status(), n.reason(), n.date(),
                n.context(), null, deliveries.stream().map(HistoryViews::delivery).toList());
    }

    public static Delivery delivery(DeliveryRow d) {
        return new Delivery(d.id(), d.channelId(), d.status(), d.attemptLog().size(), d.nextAttemptAt(),
                d.deliveredAt(), d.parkedAt(), d.lastError(), d.notificationIds(), d.attemptLog());
    }

    public static Parked parked(DeliveryRow d) {
        return new Parked(d.id(), "delivery", d.status(), d.parkedAt(), d.channelId(), d.notificationIds(),
                d.attemptLog().size(), d.lastError(), d.attemptLog(), null, null, null, null, null, null, null, null,
                null);
    }

    public static Parked parked(ParkedMessage m) {
        return new Parked(m.id(), "metric", m.status(), m.parkedAt(), null, null, null, null, null, m.queue(),
                m.routingKey(), m.reason(), m.error(), m.timesParked(), m.replayedAt(), m.replayError(), m.headers(),
                m.body());
    }
}
