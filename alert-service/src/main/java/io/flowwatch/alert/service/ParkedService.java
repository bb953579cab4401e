package io.flowwatch.alert.service;

import io.flowwatch.alert.repository.DeliveryRepository;
import io.flowwatch.alert.repository.DeliveryRepository.DeliveryRow;
import io.flowwatch.alert.repository.ParkedMessageRepository;
import io.flowwatch.alert.repository.ParkedMessageRepository.ParkedMessage;
import io.flowwatch.events.Topology;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What could not be done: deliveries that gave up (parked after the retry policy's give-up time) and metric messages
 * the consumer could not process (drained from the parking queue). Both are listed and can be replayed.
 */
@ApplicationScoped
public class ParkedService {

    private final DeliveryRepository deliveries;
    private final ParkedMessageRepository messages;
    private final EvaluationService evaluation;
    private final String queue;

    public ParkedService(DeliveryRepository deliveries, ParkedMessageRepository messages, EvaluationService evaluation,
            @ConfigProperty(name = "flowwatch.topology.alert-metrics-queue") String queue) {
        this.deliveries = deliveries;
        this.messages = messages;
        this.evaluation = evaluation;
        this.queue = queue;
    }

    /** Parked deliveries and parked metric messages. */
    public record Parked(List<DeliveryRow> deliveries, List<ParkedMessage> messages) {}

    /** What a replay did. */
    public record Replay(UUID id, String kind, String status, String detail) {}

    public Uni<Parked> list(boolean includeReplayed, int limit) {
        return deliveries.parked(limit).chain(d -> messages.list(includeReplayed, limit).map(m -> new Parked(d, m)));
    }

    /**
     * A parked delivery is queued again (with a fresh give-up window; the answer comes before it is sent); a parked
     * message is evaluated now, and stays parked with the reason if that fails again.
     */
    public Uni<Replay> replay(UUID id) {
        return deliveries.replay(id).chain(requeued -> {
            if (requeued) {
                return Uni.createFrom().item(new Replay(id, "delivery", "queued", "the delivery is due again"));
            }
            return messages.find(id).chain(found -> {
                if (found.isEmpty() || !found.get().status().equals("parked")) {
                    return Uni.createFrom().failure(new UnknownResourceException("nothing parked with id " + id));
                }
                return replayMessage(found.get());
            });
        });
    }

    private Uni<Replay> replayMessage(ParkedMessage message) {
        MetricMessages.Decoded decoded;
        try {
            decoded = MetricMessages.decode(message.body().getBytes(StandardCharsets.UTF_8));
        } catch (UnprocessableMessageException e) {
            return messages.markReplayFailed(message.id(), e.getMessage())
                    .chain(() -> Uni.createFrom().failure(new InvalidInputException(
                            "the parked message still cannot be processed", List.of(new io.flowwatch.events.Problem.FieldError(
                                    "/body", null, null, e.getMessage())))));
        }
        return evaluation.evaluate(decoded.eventId(), decoded.update())
                .chain(outcome -> messages.markReplayed(message.id())
                        .replaceWith(new Replay(message.id(), "metric", "replayed", outcome.duplicates() > 0
                                ? "its event had been evaluated before; nothing to do"
                                : "evaluated by " + outcome.evaluations() + " rule(s); " + outcome.notifications()
                                        + " notification(s)")));
    }

    /** The consumer gives up on a message: keep its reason until the broker hands it to the parking queue. */
    public Uni<Void> recordFailure(byte[] body, String routingKey, Throwable failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return messages.recordFailure(idOf(body), Topology.parkingQueue(queue), routingKey, new String(body, StandardCharsets.UTF_8), reason);
    }

    /** A message from the parking queue. */
    public Uni<Void> parked(byte[] body, String routingKey, Map<String, Object> headers, String reason) {
        return messages.parked(idOf(body), Topology.parkingQueue(queue), routingKey,
                new String(body, StandardCharsets.UTF_8), headers, reason);
    }

    /** The same message parked again is the same row. */
    static UUID idOf(byte[] body) {
        return UUID.nameUUIDFromBytes(body);
    }
}
