package io.flowwatch.ingest.service.imports;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A fund in the product registry.
 *
 * @param ticker e.g. {@code IBIT}
 * @param issuer e.g. {@code BlackRock}
 * @param asset the crypto asset held, e.g. {@code BTC}
 * @param kind e.g. {@code us-spot-etf}
 * @param inceptionDate the first trading day; null when unknown (then no figure is refused for being too early)
 */
public record Product(String ticker, String issuer, String asset, String kind, LocalDate inceptionDate) {

    public Product {
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(kind, "kind");
    }
}
