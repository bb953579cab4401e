package io.flowwatch.alert.domain;

import io.flowwatch.events.MetricName;
import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What must be true of a metric update for a rule to be active. Conditions only read the update (its value and
 * the context analytics put on it), so the same update always gives the same answer.
 */
public sealed interface Condition {

    /** Whether the condition holds for this update. A missing value or context key never satisfies it. */
    boolean isMetBy(MetricUpdate update);

    /** Comparison of the value with a fixed number. */
    enum Operator {
        GT(">"), GTE(">="), LT("<"), LTE("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean holds(BigDecimal left, BigDecimal right) {
            int c = left.compareTo(right);
            return switch (this) {
                case GT -> c > 0;
                case GTE -> c >= 0;
                case LT -> c < 0;
                case LTE -> c <= 0;
            };
        }
    }

    /** Which way a {@link Crossing} goes. */
    enum Direction { UP, DOWN }

    /** {@code value <op> limit}, e.g. daily flow {@code < -500000000}. */
    record Threshold(Operator op, BigDecimal value) implements Condition {
        @Override
        public boolean isMetBy(MetricUpdate update) {
            return update.value() != null && op.holds(update.value(), value);
        }
    }

    /**
     * The value crossed {@code level} since the previous value (context {@code previous}): DOWN when
     * {@code previous >= level > value}, UP when {@code previous <= level < value}. Without {@code previous}
     * (the first day of history) nothing has been crossed.
     */
    record Crossing(Direction direction, BigDecimal level) implements Condition {
        @Override
        public boolean isMetBy(MetricUpdate update) {
            BigDecimal previous = decimal(update.context(), "previous");
            BigDecimal current = update.value();
            if (previous == null || current == null) {
                return false;
            }
            return switch (direction) {
                case DOWN -> previous.compareTo(level) >= 0 && current.compareTo(level) < 0;
                case UP -> previous.compareTo(level) <= 0 && current.compareTo(level) > 0;
            };
        }
    }

    /**
     * A {@code flow.daily} figure is the largest of its direction ({@code inflow}/{@code outflow}) in at least
     * {@code minDays} calendar days: the last day at least as large lies that far back, or there is none and the
     * history covers that many days (a claim never reaches beyond the history that exists).
     */
    record Record(String direction, int minDays) implements Condition {
        @Override
        public boolean isMetBy(MetricUpdate update) {
            Map<String, String> context = update.context();
            if (!direction.equals(context.get("direction"))) {
                return false;
            }
            BigDecimal covered = context.containsKey("recordSince")
                    ? decimal(context, "recordDaysSince")
                    : decimal(context, "historyDays");
            return covered != null && covered.compareTo(BigDecimal.valueOf(minDays)) >= 0;
        }
    }

    /**
     * A streak of {@code direction} days reaches exactly {@code days}, so it fires once per streak. Reads
     * {@code streakDirection}/{@code streakDays} on {@code flow.daily}, or value and {@code direction} on
     * {@code flow.streak}.
     */
    record StreakReaches(String direction, int days) implements Condition {
        @Override
        public boolean isMetBy(MetricUpdate update) {
            Map<String, String> context = update.context();
            boolean daily = MetricName.FLOW_DAILY.wireName().equals(update.metric());
            String streakDirection = daily ? context.get("streakDirection") : context.get("direction");
            // flow.streak may carry a signed length (negative for outflows); the direction says which way.
            BigDecimal length = daily ? decimal(context, "streakDays") : update.value();
            return direction.equals(streakDirection)
                    && length != null
                    && length.abs().compareTo(BigDecimal.valueOf(days)) == 0;
        }
    }

    /** Every one of the conditions holds. */
    record AllOf(List<Condition> conditions) implements Condition {
        public AllOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean isMetBy(MetricUpdate update) {
            return !conditions.isEmpty() && conditions.stream().allMatch(c -> c.isMetBy(update));
        }
    }

    /** At least one of the conditions holds. */
    record AnyOf(List<Condition> conditions) implements Condition {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean isMetBy(MetricUpdate update) {
            return conditions.stream().anyMatch(c -> c.isMetBy(update));
        }
    }

    /** A context number, or null when absent or not a number (so a malformed context never fires a rule). */
    private static BigDecimal decimal(Map<String, String> context, String key) {
        String text = context.get(key);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
