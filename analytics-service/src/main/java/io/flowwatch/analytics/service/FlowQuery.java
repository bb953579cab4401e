package io.flowwatch.analytics.service;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A question about one flow series.
 *
 * @param scope an asset class or a product
 * @param source only this source's figures; null: all sources, by priority
 * @param asOf only what was received at or before this instant; null: everything
 * @param from first date to answer for (inclusive); null: from the start
 * @param to last date to answer for (inclusive); null: to the end
 */
public record FlowQuery(FlowScope scope, String source, Instant asOf, LocalDate from, LocalDate to) {

    public boolean covers(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }
}
