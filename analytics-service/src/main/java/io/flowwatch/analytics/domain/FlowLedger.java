package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reduces a stream of flow events for one series into its {@link FlowSeries}, so that duplicated, late and
 * reordered delivery ends in the same series as the ordered stream: an event id is applied at most once, and per
 * date the highest revision wins whenever it arrives.
 *
 * <p>Mutable and not thread-safe: one ledger belongs to the single consumer of its aggregate's partition.
 */
public final class FlowLedger {

    /**
     * One flow figure as delivered.
     *
     * @param eventId the idempotency key
     * @param date the trading date
     * @param amount the net flow in US dollars
     * @param revision 1 for the first figure of the date; a higher one replaces a lower one
     */
    public record FlowEvent(String eventId, LocalDate date, BigDecimal amount, int revision) {
        public FlowEvent {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(amount, "amount");
            if (revision < 1) {
                throw new IllegalArgumentException("revision must be 1 or more");
            }
        }
    }

    private final Set<String> seen = new HashSet<>();
    private final Map<LocalDate, FlowEvent> latest = new HashMap<>();

    /**
     * Applies one delivered event.
     *
     * @return whether the series changed (false for a duplicate id or an older revision)
     * @throws IllegalArgumentException if a different event carries the same date and revision with another
     *     amount: no delivery order could then decide which one holds
     */
    public boolean apply(FlowEvent event) {
        if (seen.contains(event.eventId())) {
            return false;
        }
        FlowEvent current = latest.get(event.date());
        if (current != null
                && current.revision() == event.revision()
                && current.amount().compareTo(event.amount()) != 0) {
            throw new IllegalArgumentException("conflicting amounts for " + event.date() + " revision "
                    + event.revision() + ": " + current.eventId() + " and " + event.eventId());
        }
        seen.add(event.eventId());
        if (current == null || event.revision() > current.revision()) {
            latest.put(event.date(), event);
            return true;
        }
        return false;
    }

    /** Applies events in the order given. */
    public FlowLedger applyAll(Iterable<FlowEvent> events) {
        events.forEach(this::apply);
        return this;
    }

    /** The series as it stands now. */
    public FlowSeries series() {
        List<DailyFlow> days = latest.values().stream()
                .map(event -> new DailyFlow(event.date(), event.amount()))
                .toList();
        return FlowSeries.of(days);
    }
}
