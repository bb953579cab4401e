package io.flowwatch.analytics.service;

import io.flowwatch.analytics.domain.HoldingsShare;
import io.flowwatch.analytics.repository.HoldingsFact;
import io.flowwatch.analytics.repository.HoldingsRepository;
import io.flowwatch.analytics.repository.QuoteRepository;
import io.flowwatch.events.MetricName;
import io.flowwatch.events.MetricUpdate;
import io.flowwatch.events.Money;
import io.flowwatch.events.TradingCalendar;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Holdings as a share of market cap: the figure of the preferred source for an asset-class scope
 * {@code <kind>:<ASSET>} and date, over the market cap of instrument {@code ASSET} ({@code TOTAL} for {@code ALL})
 * in force at the market close of that date. Runs in the caller's session.
 */
@ApplicationScoped
public class HoldingsShares {

    /** The asset of holdings scopes that cover every crypto asset. */
    public static final String ALL = "ALL";
    /** The instrument of the whole crypto market. */
    public static final String TOTAL = "TOTAL";

    private final HoldingsRepository holdings;
    private final QuoteRepository quotes;
    private final SourcePriority priority;
    private final Labels labels;

    public HoldingsShares(HoldingsRepository holdings, QuoteRepository quotes, SourcePriority priority, Labels labels) {
        this.holdings = holdings;
        this.quotes = quotes;
        this.priority = priority;
        this.labels = labels;
    }

    /** The instrument whose market cap an asset is measured against. */
    public static String instrumentOf(String asset) {
        return ALL.equals(asset) ? TOTAL : asset;
    }

    /** The asset whose holdings an instrument's market cap measures. */
    public static String assetOf(String instrument) {
        return TOTAL.equals(instrument) ? ALL : instrument;
    }

    public static boolean isAssetClass(String scope) {
        int colon = scope.indexOf(':');
        return colon > 0 && colon < scope.length() - 1;
    }

    /** The share; null when there is no holdings figure or no market cap at or before the close. */
    public Uni<HoldingsShareView> share(String scope, LocalDate date) {
        return holdings.figures(scope, date).chain(figures -> {
            HoldingsFact figure = figures.stream()
                    .min(Comparator.comparing(HoldingsFact::source, priority))
                    .orElse(null);
            if (figure == null) {
                return Uni.createFrom().nullItem();
            }
            String instrument = instrumentOf(figure.asset());
            Instant close = TradingCalendar.marketClose(date);
            return quotes.marketCapAt(instrument, close).map(cap -> {
                if (cap == null || cap.value().signum() <= 0 || figure.totalNetAssetsUsd().signum() < 0) {
                    return null;
                }
                HoldingsShare share = HoldingsShare.of(figure.totalNetAssetsUsd(), cap.value());
                return new HoldingsShareView(scope, date, figure.source(), instrument,
                        Money.canonical(share.assets()), Money.canonical(share.marketCap()), cap.time(),
                        share.percent(), labels.holdingsScope(scope));
            });
        });
    }

    /** The {@code holdings.share} update of a share. */
    public static MetricUpdate metric(HoldingsShareView view) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("assets", FlowMetrics.plain(view.assets()));
        context.put("marketCap", FlowMetrics.plain(view.marketCap()));
        context.put("marketCapTime", view.marketCapTime().toString());
        context.put("label", view.label());
        return new MetricUpdate(MetricName.HOLDINGS_SHARE.wireName(), view.scope(), view.date(),
                TradingCalendar.marketClose(view.date()), view.share(), context);
    }
}
