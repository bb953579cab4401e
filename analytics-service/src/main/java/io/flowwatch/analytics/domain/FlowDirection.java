package io.flowwatch.analytics.domain;

import java.math.BigDecimal;

/** The sign of a day's net flow: money coming in, going out, or neither. */
public enum FlowDirection {
    INFLOW,
    OUTFLOW,
    FLAT;

    /** The direction of an amount: positive is an inflow, negative an outflow, zero is flat. */
    public static FlowDirection of(BigDecimal amount) {
        return switch (amount.signum()) {
            case 1 -> INFLOW;
            case -1 -> OUTFLOW;
            default -> FLAT;
        };
    }
}
