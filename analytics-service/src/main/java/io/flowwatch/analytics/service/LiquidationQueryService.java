package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.LiquidationWindow;
import io.flowwatch.analytics.repository.LiquidationRepository;
import io.flowwatch.events.Money;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Liquidation totals over sliding windows, per venue and liquidated side over all instruments. */
@ApplicationScoped
public class LiquidationQueryService {

    private final LiquidationRepository liquidations;

    public LiquidationQueryService(LiquidationRepository liquidations) {
        this.liquidations = liquidations;
    }

    /** The total over {@code (at - window, at]}. */
    @WithSession
    public Uni<LiquidationViews.Window> endingAt(String venue, String side, Duration window, Instant at) {
        return known(venue, side).chain(() -> liquidations.between(venue, side, at.minus(window), at)).map(events -> {
            LiquidationWindows windows = LiquidationWindows.of(events);
            return new LiquidationViews.Window(venue, side, Windows.format(window), null,
                    Money.canonical(windows.totals().totalEndingAt(at, window)), windows.totals().countEndingAt(at, window),
                    at.minus(window), at);
        });
    }

    /** The window of the given length with the largest total among those ending on the UTC day. */
    @WithSession
    public Uni<LiquidationViews.Window> largestOn(String venue, String side, Duration window, LocalDate date) {
        Instant dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayEnd = dayStart.plus(Duration.ofDays(1)).minusNanos(1);
        return known(venue, side)
                .chain(() -> liquidations.between(venue, side, dayStart.minus(window), dayEnd))
                .map(events -> {
                    LiquidationWindows windows = LiquidationWindows.of(events);
                    LiquidationWindow.Window largest = windows.totals().largestWindowWithin(dayStart, dayEnd, window)
                            .orElseThrow(() -> new UnknownScopeException(
                                    "no " + side + " liquidations on " + venue + " on " + date));
                    return new LiquidationViews.Window(venue, side, Windows.format(window), date,
                            Money.canonical(largest.total()), windows.totals().countBetween(largest.start(), largest.end()),
                            largest.start(), largest.end());
                });
    }

    private Uni<Void> known(String venue, String side) {
        return liquidations.known(venue, side).invoke(known -> {
            if (!known) {
                throw new UnknownScopeException("no " + side + " liquidations known on " + venue);
            }
        }).replaceWithVoid();
    }
}
