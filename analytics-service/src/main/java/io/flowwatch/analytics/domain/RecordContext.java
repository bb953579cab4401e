package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * How large a day's flow is against the history before it: the last earlier day with a flow at least as large
 * in the same direction. Answers both "the largest outflow since 2025-11-20" and "the largest in 60 days".
 *
 * @param direction the direction of the day's flow
 * @param since the last earlier series day whose flow is at least as large in the same direction (for an
 *     outflow: a net flow {@code <=} this day's); null if there is none, or for a {@link FlowDirection#FLAT} day
 * @param daysSince calendar days from {@code since} to the day; null when {@code since} is null
 * @param lastLarger the flow on {@code since}; null when {@code since} is null
 * @param historyStart the first date of the series
 * @param historyDays calendar days from {@code historyStart} to the day
 */
public record RecordContext(
        FlowDirection direction,
        LocalDate since,
        Integer daysSince,
        BigDecimal lastLarger,
        LocalDate historyStart,
        int historyDays) {

    public RecordContext {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(historyStart, "historyStart");
        if ((since == null) != (daysSince == null) || (since == null) != (lastLarger == null)) {
            throw new IllegalArgumentException("since, daysSince and lastLarger are all set or all null");
        }
    }

    /**
     * Whether the day is the largest flow of its direction in at least {@code days} calendar days. Without an
     * earlier larger day the claim is bounded by the history that exists, so a new series cannot claim a
     * "largest in 60 days" on its third day. A zero day is never a record.
     */
    public boolean isRecordInAtLeast(int days) {
        if (direction == FlowDirection.FLAT) {
            return false;
        }
        return since != null ? daysSince >= days : historyDays >= days;
    }
}
