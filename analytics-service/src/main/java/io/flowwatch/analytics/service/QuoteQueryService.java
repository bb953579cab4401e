package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.QuoteSeries;
import io.flowwatch.analytics.repository.QuoteRepository;
import io.flowwatch.events.Money;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Quote changes over windows and latest quotes. */
@ApplicationScoped
public class QuoteQueryService {

    private final QuoteRepository quotes;
    private final Labels labels;

    public QuoteQueryService(QuoteRepository quotes, Labels labels) {
        this.quotes = quotes;
        this.labels = labels;
    }

    /** The change over {@code window} ending at {@code at} (null: the instrument's latest quote). */
    @WithSession
    public Uni<QuoteViews.Change> change(String instrument, Duration window, Instant at) {
        return quotes.latest(instrument).chain(latest -> {
            if (latest.isEmpty()) {
                throw new UnknownScopeException("no quotes known for instrument " + instrument);
            }
            Instant end = at != null ? at : latest.getFirst().time();
            return quotes.pointsFor(instrument, end, window).map(points -> {
                QuoteSeries.Change change = QuoteSeries.of(points).change(end, window)
                        .orElseThrow(() -> new UnknownScopeException("no quote of " + instrument + " at or before "
                                + end.minus(window) + " (or none at or before " + end + ") to compare"));
                return new QuoteViews.Change(instrument, Windows.format(window), QuoteChanges.fieldName(change.field()),
                        Money.canonical(change.from()), change.fromTime(), Money.canonical(change.to()),
                        change.toTime(), change.percent(), labels.instrument(instrument));
            });
        });
    }

    /** The latest quote of one instrument, or of every instrument (null). */
    @WithSession
    public Uni<List<QuoteViews.Latest>> latest(String instrument) {
        return quotes.latest(instrument).map(rows -> {
            if (rows.isEmpty() && instrument != null) {
                throw new UnknownScopeException("no quotes known for instrument " + instrument);
            }
            return rows.stream()
                    .map(row -> new QuoteViews.Latest(row.instrument(), row.time(), Money.canonical(row.price()),
                            Money.canonical(row.marketCap()), labels.instrument(row.instrument())))
                    .toList();
        });
    }
}
