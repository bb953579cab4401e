package io.flowwatch.ingest.service.imports;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds a product by ticker. Parsers pass the ticker as written in the file, trimmed; whether matching ignores
 * case is the implementation's choice.
 */
@FunctionalInterface
public interface ProductLookup {

    Optional<Product> find(String ticker);

    /** A lookup over a fixed list that matches tickers exactly. */
    static ProductLookup of(Collection<Product> products) {
        Map<String, Product> byTicker = products.stream()
                .collect(Collectors.toUnmodifiableMap(Product::ticker, Function.identity()));
        return ticker -> Optional.ofNullable(byTicker.get(ticker));
    }
}
