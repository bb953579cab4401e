package io.flowwatch.analytics.service;

import io.flowwatch.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The human names that metric updates carry in their {@code label} context, so that alert messages read like the
 * news: {@code US spot Bitcoin ETFs}, {@code Whole crypto market}, {@code IBIT (BlackRock)}. Built-in names can be
 * overridden and extended with {@code flowwatch.analytics.labels."<scope>"}.
 */
@ApplicationScoped
public class Labels {

    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("BTC", "Bitcoin"),
            Map.entry("ETH", "Ether"),
            Map.entry("XRP", "XRP"),
            Map.entry("SOL", "Solana"),
            Map.entry("TOTAL", "Whole crypto market"),
            Map.entry("XAU", "Gold"),
            Map.entry("MSFT", "Microsoft"),
            Map.entry("all-etp:ALL", "All crypto ETPs"));

    private final Map<String, String> names;

    @Inject
    public Labels(AnalyticsConfig config) {
        this(config.labels());
    }

    Labels(Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(BUILT_IN);
        all.putAll(overrides);
        this.names = Map.copyOf(all);
    }

    public static Labels of(Map<String, String> overrides) {
        return new Labels(overrides);
    }

    /** An asset class {@code <kind>:<ASSET>}: {@code US spot Bitcoin ETFs}, {@code Bitcoin ETPs}, … */
    public String assetClass(String kind, String asset) {
        String configured = names.get(kind + ":" + asset);
        if (configured != null) {
            return configured;
        }
        String assetName = names.getOrDefault(asset, asset);
        return switch (kind) {
            case "us-spot-etf" -> "US spot " + assetName + " ETFs";
            case "etp" -> assetName + " ETPs";
            default -> assetName + " " + kind;
        };
    }

    /** A product: its ticker and issuer, e.g. {@code IBIT (BlackRock)}. */
    public String product(String ticker, String issuer) {
        return issuer == null || issuer.isBlank() ? ticker : ticker + " (" + issuer + ")";
    }

    /** A holdings scope: an asset class, or a product ticker. */
    public String holdingsScope(String scope) {
        String configured = names.get(scope);
        if (configured != null) {
            return configured;
        }
        int colon = scope.indexOf(':');
        return colon < 0 ? scope : assetClass(scope.substring(0, colon), scope.substring(colon + 1));
    }

    /** An instrument: {@code Whole crypto market} for TOTAL, {@code Gold} for XAU, else a known name or itself. */
    public String instrument(String instrument) {
        return names.getOrDefault(instrument, instrument);
    }
}
