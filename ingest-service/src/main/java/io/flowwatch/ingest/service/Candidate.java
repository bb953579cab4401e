package io.flowwatch.ingest.service;

import io.flowwatch.events.Event;
import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.Quote;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A valid event on its way into the log, with what decides whether it is new, a duplicate or a revision.
 *
 * @param event the event as it will be stored and published (a fund flow's revision is assigned when stored)
 * @param figureKey what identifies "the same figure": fund flow (source, product, trading date), holdings
 *     (source, scope, date), quote (source, instrument, time); a liquidation is identified by its whole content
 * @param figure the figure under that key: the same key with the same figure is a duplicate, with another figure
 *     a revision
 * @param line the 1-based line of a file import; 0 for pushed and polled events
 * @param idGiven whether the id came from the client (then it may already be in the log); ids that ingest
 *     assigned itself are new by construction and need no look-up
 */
public record Candidate(Event<?> event, String figureKey, String figure, int line, boolean idGiven) {

    public Candidate {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(figureKey, "figureKey");
        Objects.requireNonNull(figure, "figure");
    }

    /** A candidate whose id came with the event (and is checked against the log). */
    public static Candidate of(Event<?> event, int line) {
        return of(event, line, true);
    }

    /** @param idGiven false when ingest assigned the event's id itself */
    public static Candidate of(Event<?> event, int line, boolean idGiven) {
        String source = event.source();
        return switch (event.data()) {
            case FundFlow flow -> new Candidate(event,
                    "flow|" + source + "|" + flow.product() + "|" + flow.tradingDate(),
                    plain(flow.netFlowUsd()), line, idGiven);
            case Holdings holdings -> new Candidate(event,
                    "holdings|" + source + "|" + holdings.scope() + "|" + holdings.date(),
                    plain(holdings.totalNetAssetsUsd()), line, idGiven);
            case Quote quote -> new Candidate(event,
                    "quote|" + source + "|" + quote.instrument() + "|" + quote.time(),
                    plain(quote.priceUsd()) + "|" + plain(quote.marketCapUsd()), line, idGiven);
            case Liquidation liq -> new Candidate(event,
                    "liquidation|" + liq.venue() + "|" + liq.instrument() + "|" + liq.side().wireName() + "|"
                            + plain(liq.notionalUsd()) + "|" + liq.time(), "", line, idGiven);
            default -> throw new IllegalArgumentException("ingest does not take " + event.type() + " events");
        };
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.toPlainString();
    }
}
