package io.flowwatch.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One product's net flow on one trading day, as reported by one source.
 *
 * @param product the fund's ticker, e.g. {@code IBIT}
 * @param issuer e.g. {@code BlackRock}
 * @param asset the crypto asset held, e.g. {@code BTC}
 * @param productKind {@code us-spot-etf} or {@code etp}
 * @param tradingDate the US trading date (America/New_York)
 * @param netFlowUsd net creations minus redemptions in US dollars, exact
 * @param revision 1 for the first figure of (source, product, date); a later revision replaces it
 */
public record FundFlow(
        String product,
        String issuer,
        String asset,
        String productKind,
        LocalDate tradingDate,
        BigDecimal netFlowUsd,
        int revision) implements EventData {

    public FundFlow {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(productKind, "productKind");
        Objects.requireNonNull(tradingDate, "tradingDate");
        Objects.requireNonNull(netFlowUsd, "netFlowUsd");
        netFlowUsd = Money.canonical(netFlowUsd);
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more");
        }
    }

    @Override
    public EventType eventType() {
        return EventType.FUND_FLOW;
    }

    @Override
    public String subject() {
        return product;
    }

    @Override
    public String routingKey() {
        return Topology.routingKey(EventType.FUND_FLOW, asset, product);
    }

    /** The asset class this product belongs to, e.g. {@code us-spot-etf:BTC}. */
    public String assetClass() {
        return productKind + ":" + asset;
    }
}
