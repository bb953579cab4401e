package io.flowwatch.analytics.domain;

import io.flowwatch.events.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The net flow of one series (a product or an asset class) on one trading date, after revisions.
 *
 * @param date the US trading date
 * @param netFlow net flow in US dollars; stored in canonical form so that equal amounts are equal records
 */
public record DailyFlow(LocalDate date, BigDecimal netFlow) {

    public DailyFlow {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(netFlow, "netFlow");
        netFlow = Money.canonical(netFlow);
    }
}
