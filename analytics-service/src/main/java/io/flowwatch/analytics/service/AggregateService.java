package io.flowwatch.analytics.service;

import io.flowwatch.analytics.config.AnalyticsConfig;
import io.flowwatch.analytics.domain.QuoteSeries;
import io.flowwatch.analytics.repository.FlowFact;
import io.flowwatch.analytics.repository.FlowFigureRepository;
import io.flowwatch.analytics.repository.FlowFigureRepository.Outcome;
import io.flowwatch.analytics.repository.HoldingsFact;
import io.flowwatch.analytics.repository.HoldingsRepository;
import io.flowwatch.analytics.repository.LiquidationFact;
import io.flowwatch.analytics.repository.LiquidationRepository;
import io.flowwatch.analytics.repository.ProcessedEventRepository;
import io.flowwatch.analytics.repository.QuoteFact;
import io.flowwatch.analytics.repository.QuoteRepository;
import io.flowwatch.events.Event;
import io.flowwatch.events.EventData;
import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.Quote;
import io.flowwatch.events.TradingCalendar;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies input events to the facts and writes the metric updates they cause, all in ONE transaction per batch:
 * the processed ids, the facts and the outbox rows commit together or not at all. Events already processed are
 * skipped, so redelivery, duplicates and replays change nothing; the order of delivery does not matter either
 * (revisions by number, upserts by received time). Created at start-up, so that a bad window setting stops the
 * start rather than every batch.
 */
@Startup
@ApplicationScoped
public class AggregateService {

    private final ProcessedEventRepository processed;
    private final FlowFigureRepository flows;
    private final HoldingsRepository holdings;
    private final QuoteRepository quotes;
    private final LiquidationRepository liquidations;
    private final HoldingsShares shares;
    private final MetricWriter metrics;
    private final SourcePriority priority;
    private final Labels labels;
    private final List<Duration> quoteWindows;
    private final Duration quoteChangeStep;
    private final List<Duration> liquidationWindows;

    public AggregateService(
            ProcessedEventRepository processed,
            FlowFigureRepository flows,
            HoldingsRepository holdings,
            QuoteRepository quotes,
            LiquidationRepository liquidations,
            HoldingsShares shares,
            MetricWriter metrics,
            SourcePriority priority,
            Labels labels,
            AnalyticsConfig config) {
        this.processed = processed;
        this.flows = flows;
        this.holdings = holdings;
        this.quotes = quotes;
        this.liquidations = liquidations;
        this.shares = shares;
        this.metrics = metrics;
        this.priority = priority;
        this.labels = labels;
        this.quoteWindows = config.windows().quoteChange().stream().map(Windows::parse).toList();
        this.quoteChangeStep = QuoteChanges.requireStep(config.windows().quoteChangeStep(),
                "flowwatch.analytics.windows.quote-change-step");
        this.liquidationWindows = config.windows().liquidation().stream().map(Windows::parse).toList();
    }

    /** What a batch changed, collected while its facts are written and read when its metrics are computed. */
    private static final class Changes {
        /** Per asset class and per product: the earliest date whose figure changed. */
        final Map<FlowScope, LocalDate> flowSeries = new LinkedHashMap<>();
        final Map<FlowScope, Set<FlowScope>> productsOfClass = new LinkedHashMap<>();
        final Set<ScopeDate> holdings = new TreeSet<>();
        final Map<String, TreeSet<Instant>> quotes = new TreeMap<>();
        final Map<String, Instant> marketCapsFrom = new TreeMap<>();
        final Map<String, TreeSet<Instant>> liquidations = new TreeMap<>(); // "venue:side"
        int applied;
    }

    private record ScopeDate(String scope, LocalDate date) implements Comparable<ScopeDate> {
        @Override
        public int compareTo(ScopeDate other) {
            int byScope = scope.compareTo(other.scope);
            return byScope != 0 ? byScope : date.compareTo(other.date);
        }
    }

    /**
     * Applies a batch in one transaction.
     *
     * @throws PermanentEventException (as the Uni's failure) if an event can never be applied; the caller then
     *     retries the batch's events one by one to find it
     */
    @WithTransaction
    public Uni<BatchResult> apply(List<Event<?>> batch) {
        Map<UUID, Event<?>> unique = new LinkedHashMap<>();
        batch.forEach(event -> unique.putIfAbsent(event.id(), event));
        return processed.markProcessed(unique.keySet()).chain(fresh -> {
            List<Event<?>> events = unique.values().stream().filter(event -> fresh.contains(event.id())).toList();
            Changes changes = new Changes();
            changes.applied = events.size();
            return applyFlows(ofType(events, FundFlow.class), changes)
                    .chain(() -> applyHoldings(ofType(events, Holdings.class), changes))
                    .chain(() -> applyQuotes(ofType(events, Quote.class), changes))
                    .chain(() -> applyLiquidations(ofType(events, Liquidation.class), changes))
                    .chain(() -> writeMetrics(changes))
                    .map(written -> new BatchResult(batch.size(), changes.applied, written));
        });
    }

    @SuppressWarnings("unchecked")
    private static <T extends EventData> List<Event<T>> ofType(List<Event<?>> events, Class<T> type) {
        List<Event<T>> result = new ArrayList<>();
        for (Event<?> event : events) {
            if (type.isInstance(event.data())) {
                result.add((Event<T>) event);
            } else if (!(event.data() instanceof FundFlow || event.data() instanceof Holdings
                    || event.data() instanceof Quote || event.data() instanceof Liquidation)) {
                throw new PermanentEventException("analytics does not consume events of type " + event.type());
            }
        }
        return result;
    }

    // --- facts -----------------------------------------------------------------------------------------------

    private record FlowKey(String source, String product, LocalDate date, int revision) {}

    private Uni<Void> applyFlows(List<Event<FundFlow>> events, Changes changes) {
        Map<FlowKey, Event<FundFlow>> byKey = new LinkedHashMap<>();
        for (Event<FundFlow> event : events) {
            FundFlow flow = event.data();
            FlowKey key = new FlowKey(event.source(), flow.product(), flow.tradingDate(), flow.revision());
            Event<FundFlow> other = byKey.putIfAbsent(key, event);
            if (other != null && other.data().netFlowUsd().compareTo(flow.netFlowUsd()) != 0) {
                throw conflict(event, other.data().netFlowUsd().toPlainString(), other.id().toString());
            }
        }
        List<FlowFact> rows = byKey.values().stream().map(event -> {
            FundFlow flow = event.data();
            return new FlowFact(event.source(), flow.product(), flow.issuer(), flow.asset(), flow.productKind(),
                    flow.tradingDate(), flow.revision(), flow.netFlowUsd(), event.id(), event.time());
        }).toList();
        Map<UUID, Event<FundFlow>> byId = byKey.values().stream()
                .collect(Collectors.toMap(Event::id, Function.identity()));
        return flows.insert(rows).invoke(outcomes -> outcomes.forEach((id, outcome) -> {
            Event<FundFlow> event = byId.get(id);
            if (outcome instanceof Outcome.Conflict conflict) {
                throw conflict(event, conflict.existingAmount(), conflict.existingEventId());
            }
            if (outcome instanceof Outcome.Inserted) {
                FundFlow flow = event.data();
                FlowScope assetClass = FlowScope.assetClass(flow.productKind(), flow.asset());
                FlowScope product = FlowScope.product(flow.product());
                changes.flowSeries.merge(assetClass, flow.tradingDate(), AggregateService::earlier);
                changes.flowSeries.merge(product, flow.tradingDate(), AggregateService::earlier);
                changes.productsOfClass.computeIfAbsent(assetClass, scope -> new TreeSet<>(
                        Comparator.comparing(FlowScope::product))).add(product);
            }
        })).replaceWithVoid();
    }

    private static PermanentEventException conflict(Event<FundFlow> event, String existingAmount, String existingId) {
        FundFlow flow = event.data();
        return new PermanentEventException("conflicting flow figure: " + event.source() + " " + flow.product() + " "
                + flow.tradingDate() + " revision " + flow.revision() + " is already " + existingAmount + " (event "
                + existingId + "), this event says " + flow.netFlowUsd().toPlainString()
                + "; a correction needs a higher revision");
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** Of several events for the same key, the one received last (then the greater id, as PostgreSQL orders it). */
    private static <T extends EventData> Collection<Event<T>> latestPerKey(List<Event<T>> events, Function<Event<T>, Object> key) {
        Map<Object, Event<T>> latest = new LinkedHashMap<>();
        Comparator<Event<T>> order = Comparator.<Event<T>, Instant>comparing(Event::time)
                .thenComparing(event -> event.id().toString());
        events.forEach(event -> latest.merge(key.apply(event), event, (a, b) -> order.compare(a, b) >= 0 ? a : b));
        return latest.values();
    }

    private Uni<Void> applyHoldings(List<Event<Holdings>> events, Changes changes) {
        List<HoldingsFact> rows = latestPerKey(events,
                        event -> List.of(event.source(), event.data().scope(), event.data().date()))
                .stream()
                .map(event -> new HoldingsFact(event.source(), event.data().scope(), event.data().asset(),
                        event.data().date(), event.data().totalNetAssetsUsd(), event.id(), event.time()))
                .toList();
        return holdings.upsert(rows).invoke(changed -> rows.stream()
                .filter(row -> changed.contains(row.eventId()) && HoldingsShares.isAssetClass(row.scope()))
                .forEach(row -> changes.holdings.add(new ScopeDate(row.scope(), row.date()))))
                .replaceWithVoid();
    }

    private Uni<Void> applyQuotes(List<Event<Quote>> events, Changes changes) {
        List<QuoteFact> rows = latestPerKey(events, event -> List.of(event.data().instrument(), event.data().time()))
                .stream()
                .map(event -> new QuoteFact(event.data().instrument(), event.data().time(), event.data().priceUsd(),
                        event.data().marketCapUsd(), event.id(), event.time()))
                .toList();
        return quotes.upsert(rows).invoke(changed -> rows.stream().filter(row -> changed.contains(row.eventId()))
                .forEach(row -> {
                    changes.quotes.computeIfAbsent(row.instrument(), instrument -> new TreeSet<>()).add(row.time());
                    if (row.marketCapUsd() != null) {
                        changes.marketCapsFrom.merge(row.instrument(), row.time(),
                                (a, b) -> a.isBefore(b) ? a : b);
                    }
                }))
                .replaceWithVoid();
    }

    private Uni<Void> applyLiquidations(List<Event<Liquidation>> events, Changes changes) {
        List<LiquidationFact> rows = events.stream()
                .map(event -> new LiquidationFact(event.id(), event.data().venue(), event.data().instrument(),
                        event.data().side().wireName(), event.data().notionalUsd(), event.data().time(), event.time()))
                .toList();
        return liquidations.insert(rows).invoke(inserted -> rows.stream()
                .filter(row -> inserted.contains(row.eventId()))
                .forEach(row -> changes.liquidations
                        .computeIfAbsent(row.venue() + ":" + row.side(), key -> new TreeSet<>())
                        .add(row.time())))
                .replaceWithVoid();
    }

    // --- metrics -----------------------------------------------------------------------------------------------

    private Uni<Integer> writeMetrics(Changes changes) {
        List<MetricUpdate> dated = new ArrayList<>();
        List<MetricUpdate> undated = new ArrayList<>();
        return flowMetrics(changes, dated)
                .chain(() -> holdingsMetrics(changes, dated))
                .chain(() -> quoteMetrics(changes, undated))
                .chain(() -> liquidationMetrics(changes, undated))
                .chain(() -> metrics.write(dated, undated));
    }

    private Uni<Void> flowMetrics(Changes changes, List<MetricUpdate> out) {
        return each(changes.productsOfClass.entrySet(), entry -> {
            FlowScope assetClass = entry.getKey();
            return flows.ofAssetClass(assetClass.kind(), assetClass.asset(), null, null).invoke(facts -> {
                FlowBook book = FlowBook.of(facts, priority);
                out.addAll(FlowMetrics.of(assetClass.key(), labels.assetClass(assetClass.kind(), assetClass.asset()),
                        book.total(), changes.flowSeries.get(assetClass)));
                for (FlowScope product : entry.getValue()) {
                    FlowBook.ProductInfo info = book.info(product.product());
                    out.addAll(FlowMetrics.of(product.key(), labels.product(product.product(), info.issuer()),
                            book.product(product.product()), changes.flowSeries.get(product)));
                }
            });
        });
    }

    private Uni<Void> holdingsMetrics(Changes changes, List<MetricUpdate> out) {
        // A new market cap may now be the one in force at the close of a holdings date on or after it.
        Uni<Void> affected = each(changes.marketCapsFrom.entrySet(), entry -> {
            Instant from = entry.getValue();
            return holdings.ofAssetSince(HoldingsShares.assetOf(entry.getKey()),
                            TradingCalendar.tradingDateOf(from).minusDays(1))
                    .invoke(figures -> figures.stream()
                            .filter(figure -> !TradingCalendar.marketClose(figure.date()).isBefore(from))
                            .forEach(figure -> changes.holdings.add(new ScopeDate(figure.scope(), figure.date()))));
        });
        return affected.chain(() -> each(changes.holdings, scopeDate -> shares.share(scopeDate.scope(), scopeDate.date())
                .invoke(view -> {
                    if (view != null) {
                        out.add(HoldingsShares.metric(view));
                    }
                })));
    }

    private Uni<Void> quoteMetrics(Changes changes, List<MetricUpdate> out) {
        if (changes.quotes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, NavigableSet<Instant>> changed = new TreeMap<>();
        changes.quotes.forEach((instrument, times) ->
                changed.put(instrument, QuoteChanges.lastOfEachStep(times, quoteChangeStep)));
        return quotes.pointsFor(changed, quoteWindows).invoke(points -> changed.forEach((instrument, times) ->
                out.addAll(QuoteChanges.of(instrument, labels.instrument(instrument),
                        QuoteSeries.of(points.getOrDefault(instrument, List.of())), times, quoteWindows))))
                .replaceWithVoid();
    }

    private Uni<Void> liquidationMetrics(Changes changes, List<MetricUpdate> out) {
        if (changes.liquidations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Duration longest = liquidationWindows.stream().max(Comparator.naturalOrder()).orElse(Duration.ofDays(1));
        List<LiquidationRepository.Span> spans = new ArrayList<>();
        changes.liquidations.forEach((venueSide, times) -> {
            String[] parts = venueSide.split(":", 2);
            for (Windows.Range range : Windows.covering(times, longest)) {
                spans.add(new LiquidationRepository.Span(parts[0], parts[1], range.from(), range.to()));
            }
        });
        return liquidations.between(spans).invoke(events -> changes.liquidations.forEach((venueSide, times) -> {
            String[] parts = venueSide.split(":", 2);
            out.addAll(LiquidationWindows.of(events.getOrDefault(venueSide, List.of()))
                    .metrics(parts[0], parts[1], times, liquidationWindows));
        })).replaceWithVoid();
    }

    /** Runs one step per item, strictly one after the other (a reactive session allows no concurrent use). */
    private static <T> Uni<Void> each(Collection<T> items, Function<T, Uni<?>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(List.copyOf(items))
                .onItem().transformToUniAndConcatenate(item -> step.apply(item).replaceWithVoid())
                .collect().last()
                .replaceWithVoid();
    }
}
