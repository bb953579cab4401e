package io.flowwatch.alert.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed-week README's alert table: which demo rule fires for which dates, and nothing else. */
public final class SeedWeekAlerts {

    private SeedWeekAlerts() {}

    public static final Map<String, List<String>> EXPECTED = expected();

    /** The news sentence of the record alert of 2026-01-29. */
    public static final String RECORD_MESSAGE = "US spot Bitcoin ETFs: net outflow of $817.9M on 2026-01-29, the largest "
            + "daily outflow since 2025-11-20; week to date \u2212$978.0M";

    private static Map<String, List<String>> expected() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        table.put("btc-daily-outflow-500m", List.of("2025-11-13", "2025-11-20", "2026-01-21", "2026-01-29"));
        table.put("btc-daily-outflow-record-60d", List.of("2026-01-21", "2026-01-29"));
        table.put("btc-month-to-date-below-zero",
                List.of("2025-12-01", "2025-12-04", "2025-12-15", "2025-12-18", "2026-01-09", "2026-01-21"));
        table.put("btc-outflow-streak-3d", List.of("2025-11-17", "2025-12-22", "2026-01-08", "2026-01-21", "2026-01-29"));
        table.put("crypto-market-cap-down-5pct-24h", List.of("2026-01-29"));
        table.put("gold-down-3pct-24h", List.of("2026-01-29"));
        table.put("hyperliquid-long-liquidations-50m-4h", List.of("2026-01-29"));
        return Map.copyOf(table);
    }

    public static int count() {
        return EXPECTED.values().stream().mapToInt(List::size).sum();
    }
}
