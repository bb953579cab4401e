package io.flowwatch.analytics.service;

import java.util.Objects;

/**
 * The series a flow query or metric is about: an asset class (all products of one asset and kind, e.g.
 * {@code us-spot-etf:BTC}) or one product (its ticker, e.g. {@code IBIT}).
 */
public record FlowScope(String kind, String asset, String product) {

    public static FlowScope assetClass(String kind, String asset) {
        return new FlowScope(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(asset, "asset"), null);
    }

    public static FlowScope product(String ticker) {
        return new FlowScope(null, null, Objects.requireNonNull(ticker, "ticker"));
    }

    public boolean isProduct() {
        return product != null;
    }

    /** {@code us-spot-etf:BTC} for an asset class, the ticker for a product: the {@code scope} of metrics. */
    public String key() {
        return isProduct() ? product : kind + ":" + asset;
    }
}
