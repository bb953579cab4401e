package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.DailyFlow;
import io.flowwatch.analytics.domain.FlowLedger;
import io.flowwatch.analytics.domain.FlowSeries;
import io.flowwatch.analytics.repository.FlowFact;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The effective daily flows of a set of products, reduced from stored facts: per (source, product) a
 * {@link FlowLedger} keeps the highest revision of each date, and per (product, date) the source that comes first in
 * the {@link SourcePriority} wins. Asset-class series are sums over their products.
 */
public final class FlowBook {

    /** What is known about a product besides its flows. */
    public record ProductInfo(String ticker, String issuer, String asset, String kind) {}

    private final Map<String, TreeMap<LocalDate, BigDecimal>> flows;
    private final Map<String, ProductInfo> products;

    private FlowBook(Map<String, TreeMap<LocalDate, BigDecimal>> flows, Map<String, ProductInfo> products) {
        this.flows = flows;
        this.products = products;
    }

    public static FlowBook of(Collection<FlowFact> facts, Comparator<String> sourcePriority) {
        Map<String, Map<String, FlowLedger>> ledgers = new HashMap<>(); // product -> source -> ledger
        Map<String, FlowFact> latestFact = new HashMap<>();
        Map<String, FlowFact> latestWithIssuer = new HashMap<>();
        for (FlowFact fact : facts) {
            ledgers.computeIfAbsent(fact.product(), product -> new HashMap<>())
                    .computeIfAbsent(fact.source(), source -> new FlowLedger())
                    .apply(new FlowLedger.FlowEvent(
                            fact.eventId().toString(), fact.tradingDate(), fact.netFlowUsd(), fact.revision()));
            latestFact.merge(fact.product(), fact, FlowBook::later);
            if (fact.issuer() != null && !fact.issuer().isBlank()) {
                latestWithIssuer.merge(fact.product(), fact, FlowBook::later);
            }
        }
        Map<String, TreeMap<LocalDate, BigDecimal>> flows = new HashMap<>();
        ledgers.forEach((product, bySource) -> {
            TreeMap<LocalDate, BigDecimal> days = new TreeMap<>();
            bySource.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(sourcePriority))
                    .forEach(entry -> entry.getValue().series().days()
                            .forEach(day -> days.putIfAbsent(day.date(), day.netFlow())));
            flows.put(product, days);
        });
        Map<String, ProductInfo> products = latestFact.values().stream().collect(Collectors.toMap(
                FlowFact::product,
                fact -> new ProductInfo(fact.product(),
                        latestWithIssuer.containsKey(fact.product()) ? latestWithIssuer.get(fact.product()).issuer() : null,
                        fact.asset(), fact.kind())));
        return new FlowBook(flows, products);
    }

    private static FlowFact later(FlowFact a, FlowFact b) {
        return b.receivedAt().isAfter(a.receivedAt()) ? b : a;
    }

    public boolean isEmpty() {
        return flows.isEmpty();
    }

    public Set<String> products() {
        return products.keySet();
    }

    public ProductInfo info(String product) {
        return products.get(product);
    }

    /** One product's series (empty if unknown). */
    public FlowSeries product(String product) {
        return FlowSeries.of(flows.getOrDefault(product, new TreeMap<>()).entrySet().stream()
                .map(day -> new DailyFlow(day.getKey(), day.getValue()))
                .toList());
    }

    /** The sum over all products of the book, per date on which at least one of them has a figure. */
    public FlowSeries total() {
        TreeMap<LocalDate, BigDecimal> sums = new TreeMap<>();
        flows.values().forEach(days -> days.forEach((date, net) -> sums.merge(date, net, BigDecimal::add)));
        List<DailyFlow> days = sums.entrySet().stream()
                .map(day -> new DailyFlow(day.getKey(), day.getValue()))
                .toList();
        return FlowSeries.of(days);
    }
}
