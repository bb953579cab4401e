package io.flowwatch.events;

import java.util.Arrays;
import java.util.Optional;

/** The metrics analytics publishes; alert rules may select only these. */
public enum MetricName {
    FLOW_DAILY("flow.daily", "daily net flow, USD"),
    FLOW_WEEK_TO_DATE("flow.week-to-date", "net flow since Monday, USD"),
    FLOW_MONTH_TO_DATE("flow.month-to-date", "net flow since the first of the month, USD"),
    FLOW_YEAR_TO_DATE("flow.year-to-date", "net flow since 1 January, USD"),
    FLOW_CUMULATIVE("flow.cumulative", "net flow since the first day of history, USD"),
    FLOW_STREAK("flow.streak", "consecutive trading days flowing the same way; the direction (inflow/outflow) is in the context"),
    HOLDINGS_SHARE("holdings.share", "total net assets as percent of the asset's market cap"),
    QUOTE_CHANGE("quote.change", "percent change of price or market cap over a window"),
    LIQUIDATION_WINDOW("liquidation.window", "liquidated notional over a sliding window, USD");

    private final String wireName;
    private final String description;

    MetricName(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public static Optional<MetricName> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
