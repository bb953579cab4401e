package io.flowwatch.alert.support;

import io.flowwatch.events.Event;
import io.flowwatch.events.MetricUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The metric updates analytics would publish for the seed week, re-derived here from the scenario files
 * (src/test/resources/seed-week, copied verbatim) with a small test-only calculation: this module cannot depend on
 * analytics-service. Flow figures per asset class and per product (daily, week/month/year to date, cumulative,
 * streak, record context), 24 h and 1 h quote changes, 4 h and 1 h liquidation windows, holdings shares.
 */
public final class SeedWeekUpdates {

    private static final DateTimeFormatter FARSIDE_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);
    private static final Map<String, String> LABELS = Map.of(
            "BTC", "US spot Bitcoin ETFs", "ETH", "US spot Ether ETFs", "XRP", "US spot XRP funds",
            "SOL", "US spot Solana funds");
    private static final Map<String, String> FILES = Map.of(
            "BTC", "btc-spot-etf-flows.csv", "ETH", "eth-spot-etf-flows.csv", "XRP", "xrp-spot-etf-flows.csv",
            "SOL", "sol-spot-etf-flows.csv");

    private SeedWeekUpdates() {}

    /**
     * Every update in publish order: first the BTC figure of 2026-01-29 as analytics would have published it when
     * that day arrived before the history behind it (no record claim possible yet), then the whole history in order,
     * then quotes, liquidations and holdings shares in time order.
     */
    public static List<Event<MetricUpdate>> all() {
        List<MetricUpdate> updates = new ArrayList<>();
        updates.add(btcDayBeforeItsHistory());
        for (String asset : List.of("BTC", "ETH", "XRP", "SOL")) {
            updates.addAll(flows(asset, readFlows(FILES.get(asset))));
        }
        updates.addAll(quoteChanges());
        updates.addAll(liquidationWindows());
        updates.addAll(holdingsShares());
        return updates.stream().map(SeedWeekUpdates::event).toList();
    }

    /** The envelope analytics puts around an update; the id is derived from the update, as a replay would make it. */
    public static Event<MetricUpdate> event(MetricUpdate update) {
        String name = "seed-week|" + update.subject() + "|" + update.date() + "|" + update.at() + "|"
                + update.value() + "|" + new TreeMap<>(update.context());
        UUID id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        return Event.of(id, "analytics", update.at(), update);
    }

    /** 2026-01-29 for BTC with only its own week as history (it arrived first). */
    static MetricUpdate btcDayBeforeItsHistory() {
        List<Day> week = readFlows(FILES.get("BTC")).stream()
                .filter(d -> !d.date().isBefore(LocalDate.parse("2026-01-26")))
                .toList();
        List<MetricUpdate> updates = flows("BTC", week);
        return updates.stream()
                .filter(u -> u.metric().equals("flow.daily") && u.scope().equals("us-spot-etf:BTC")
                        && u.date().equals(LocalDate.parse("2026-01-29")))
                .findFirst().orElseThrow();
    }

    /** One trading day of a flow table: the total and each product's figure ({@code -} cells left out). */
    record Day(LocalDate date, BigDecimal total, Map<String, BigDecimal> products) {}

    static List<Day> readFlows(String file) {
        List<List<String>> rows = csv(file);
        List<String> header = rows.getFirst();
        int total = header.indexOf("Total");
        List<Day> days = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            BigDecimal totalUsd = farside(row.get(total));
            if (totalUsd == null) {
                continue;
            }
            Map<String, BigDecimal> products = new LinkedHashMap<>();
            for (int i = 1; i < total; i++) {
                BigDecimal value = farside(row.get(i));
                if (value != null) {
                    products.put(header.get(i), value);
                }
            }
            days.add(new Day(LocalDate.parse(row.getFirst(), FARSIDE_DATE), totalUsd, products));
        }
        days.sort(Comparator.comparing(Day::date));
        return days;
    }

    /** The aggregates of one asset class's days (and each product's daily figure), day by day. */
    static List<MetricUpdate> flows(String asset, List<Day> days) {
        String scope = "us-spot-etf:" + asset;
        String label = LABELS.get(asset);
        List<MetricUpdate> updates = new ArrayList<>();
        BigDecimal wtd = BigDecimal.ZERO;
        BigDecimal mtd = BigDecimal.ZERO;
        BigDecimal ytd = BigDecimal.ZERO;
        BigDecimal cumulative = BigDecimal.ZERO;
        int streak = 0;
        int streakSign = 0;
        LocalDate historyStart = days.isEmpty() ? null : days.getFirst().date();
        for (int i = 0; i < days.size(); i++) {
            Day day = days.get(i);
            LocalDate date = day.date();
            BigDecimal net = day.total();
            Day previous = i == 0 ? null : days.get(i - 1);
            BigDecimal previousWtd = previous == null ? null
                    : weekStart(previous.date()).equals(weekStart(date)) ? wtd : BigDecimal.ZERO;
            BigDecimal previousMtd = previous == null ? null
                    : previous.date().getMonth() == date.getMonth() && previous.date().getYear() == date.getYear()
                            ? mtd : BigDecimal.ZERO;
            BigDecimal previousYtd = previous == null ? null
                    : previous.date().getYear() == date.getYear() ? ytd : BigDecimal.ZERO;
            BigDecimal previousCumulative = previous == null ? null : cumulative;
            wtd = (previousWtd == null ? BigDecimal.ZERO : previousWtd).add(net);
            mtd = (previousMtd == null ? BigDecimal.ZERO : previousMtd).add(net);
            ytd = (previousYtd == null ? BigDecimal.ZERO : previousYtd).add(net);
            cumulative = cumulative.add(net);
            int sign = net.signum();
            streak = sign == 0 ? 0 : sign == streakSign ? streak + 1 : 1;
            streakSign = sign;
            String direction = sign > 0 ? "inflow" : sign < 0 ? "outflow" : "flat";

            Map<String, String> context = new HashMap<>();
            context.put("label", label);
            context.put("direction", direction);
            // the last earlier day at least as large in the same direction
            for (int j = i - 1; j >= 0 && sign != 0; j--) {
                BigDecimal earlier = days.get(j).total();
                boolean atLeastAsLarge = sign < 0 ? earlier.compareTo(net) <= 0 : earlier.compareTo(net) >= 0;
                if (atLeastAsLarge) {
                    context.put("recordSince", days.get(j).date().toString());
                    context.put("recordDaysSince", Long.toString(ChronoUnit.DAYS.between(days.get(j).date(), date)));
                    context.put("recordLastLarger", plain(earlier));
                    break;
                }
            }
            context.put("historyStart", historyStart.toString());
            context.put("historyDays", Long.toString(ChronoUnit.DAYS.between(historyStart, date)));
            context.put("weekToDate", plain(wtd));
            context.put("monthToDate", plain(mtd));
            context.put("yearToDate", plain(ytd));
            context.put("cumulative", plain(cumulative));
            context.put("streakDirection", direction);
            context.put("streakDays", Integer.toString(streak));

            Instant close = close(date);
            updates.add(new MetricUpdate("flow.daily", scope, date, close, net, context));
            updates.add(window("flow.week-to-date", scope, date, close, wtd, previousWtd, label));
            updates.add(window("flow.month-to-date", scope, date, close, mtd, previousMtd, label));
            updates.add(window("flow.year-to-date", scope, date, close, ytd, previousYtd, label));
            updates.add(window("flow.cumulative", scope, date, close, cumulative, previousCumulative, label));
            updates.add(new MetricUpdate("flow.streak", scope, date, close,
                    BigDecimal.valueOf((long) streak * (sign < 0 ? -1 : 1)), Map.of("direction", direction)));
            day.products().forEach((ticker, value) -> updates.add(new MetricUpdate("flow.daily", ticker, date, close,
                    value, Map.of("label", ticker, "direction", value.signum() < 0 ? "outflow" : value.signum() > 0 ? "inflow" : "flat"))));
        }
        return updates;
    }

    private static MetricUpdate window(String metric, String scope, LocalDate date, Instant at, BigDecimal value,
            BigDecimal previous, String label) {
        Map<String, String> context = new HashMap<>();
        context.put("label", label);
        if (previous != null) {
            context.put("previous", plain(previous));
        }
        return new MetricUpdate(metric, scope, date, at, value, context);
    }

    /** 24 h and 1 h changes of every instrument at each of its quote times. */
    static List<MetricUpdate> quoteChanges() {
        List<List<String>> rows = csv("quotes.csv");
        Map<String, TreeMap<Instant, BigDecimal>> prices = new HashMap<>();
        Map<String, TreeMap<Instant, BigDecimal>> caps = new HashMap<>();
        Map<String, TreeMap<Instant, Boolean>> times = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            Instant time = Instant.parse(row.get(0));
            String instrument = row.get(1);
            times.computeIfAbsent(instrument, k -> new TreeMap<>()).put(time, true);
            if (!row.get(2).isBlank()) {
                prices.computeIfAbsent(instrument, k -> new TreeMap<>()).put(time, new BigDecimal(row.get(2)));
            }
            if (row.size() > 3 && !row.get(3).isBlank()) {
                caps.computeIfAbsent(instrument, k -> new TreeMap<>()).put(time, new BigDecimal(row.get(3)));
            }
        }
        List<MetricUpdate> updates = new ArrayList<>();
        for (var instrument : times.entrySet()) {
            for (Instant at : instrument.getValue().keySet()) {
                for (var window : Map.of("24h", Duration.ofHours(24), "1h", Duration.ofHours(1)).entrySet()) {
                    TreeMap<Instant, BigDecimal> p = prices.getOrDefault(instrument.getKey(), new TreeMap<>());
                    boolean byPrice = p.floorEntry(at) != null && p.floorEntry(at.minus(window.getValue())) != null;
                    TreeMap<Instant, BigDecimal> series = byPrice ? p : caps.getOrDefault(instrument.getKey(), new TreeMap<>());
                    var to = series.floorEntry(at);
                    var from = series.floorEntry(at.minus(window.getValue()));
                    if (to == null || from == null || from.getValue().signum() == 0) {
                        continue;
                    }
                    BigDecimal percent = to.getValue().subtract(from.getValue()).multiply(BigDecimal.valueOf(100))
                            .divide(from.getValue(), 2, RoundingMode.HALF_UP);
                    Map<String, String> context = new HashMap<>();
                    context.put("field", byPrice ? "price" : "marketCap");
                    context.put("window", window.getKey());
                    context.put("from", plain(from.getValue()));
                    context.put("to", plain(to.getValue()));
                    context.put("fromTime", from.getKey().toString());
                    context.put("toTime", to.getKey().toString());
                    updates.add(new MetricUpdate("quote.change", instrument.getKey() + "@" + window.getKey(), null, at,
                            percent, context));
                }
            }
        }
        updates.sort(Comparator.comparing(MetricUpdate::at).thenComparing(MetricUpdate::scope));
        return updates;
    }

    /** For each venue and side, the 4 h and 1 h totals ending at each liquidation. */
    static List<MetricUpdate> liquidationWindows() {
        List<List<String>> rows = csv("liquidations.csv");
        record Liquidation(Instant time, String venue, String side, BigDecimal notional) {}
        List<Liquidation> all = rows.subList(1, rows.size()).stream()
                .map(r -> new Liquidation(Instant.parse(r.get(0)), r.get(1), r.get(3), new BigDecimal(r.get(4))))
                .sorted(Comparator.comparing(Liquidation::time))
                .toList();
        List<MetricUpdate> updates = new ArrayList<>();
        Map<String, Instant> lastEmitted = new HashMap<>();
        for (Liquidation l : all) {
            String key = l.venue() + ":" + l.side();
            for (var window : Map.of("4h", Duration.ofHours(4), "1h", Duration.ofHours(1)).entrySet()) {
                String scope = key + "@" + window.getKey();
                if (l.time().equals(lastEmitted.get(scope))) {
                    updates.removeIf(u -> u.scope().equals(scope) && u.at().equals(l.time()));
                }
                List<Liquidation> in = all.stream()
                        .filter(o -> (o.venue() + ":" + o.side()).equals(key))
                        .filter(o -> o.time().isAfter(l.time().minus(window.getValue())) && !o.time().isAfter(l.time()))
                        .toList();
                BigDecimal total = in.stream().map(Liquidation::notional).reduce(BigDecimal.ZERO, BigDecimal::add);
                updates.add(new MetricUpdate("liquidation.window", scope, null, l.time(), total, Map.of(
                        "window", window.getKey(), "count", Integer.toString(in.size()),
                        "from", in.getFirst().time().toString())));
                lastEmitted.put(scope, l.time());
            }
        }
        return updates;
    }

    /** Holdings as a share of the market cap in force (noise for the demo rules: none selects it). */
    static List<MetricUpdate> holdingsShares() {
        return List.of(
                new MetricUpdate("holdings.share", "us-spot-etf:BTC", LocalDate.parse("2026-01-29"),
                        close(LocalDate.parse("2026-01-29")), new BigDecimal("6.52"),
                        Map.of("assets", "107650000000", "marketCap", "1649969530000", "label", LABELS.get("BTC"))),
                new MetricUpdate("holdings.share", "us-spot-etf:ETH", LocalDate.parse("2026-01-29"),
                        close(LocalDate.parse("2026-01-29")), new BigDecimal("5.08"),
                        Map.of("assets", "16750000000", "marketCap", "329993800000", "label", LABELS.get("ETH"))));
    }

    /** US market close of a (winter) trading date: 16:00 New York = 21:00Z. */
    static Instant close(LocalDate date) {
        return date.atTime(21, 0).toInstant(ZoneOffset.UTC);
    }

    private static LocalDate weekStart(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** {@code (817.9)} → −817,900,000; {@code -} → null. */
    static BigDecimal farside(String cell) {
        String value = cell.replace(",", "").trim();
        if (value.equals("-") || value.isEmpty()) {
            return null;
        }
        boolean negative = value.startsWith("(") && value.endsWith(")");
        BigDecimal millions = new BigDecimal(negative ? value.substring(1, value.length() - 1) : value);
        return (negative ? millions.negate() : millions).movePointRight(6);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static List<List<String>> csv(String file) {
        try (InputStream in = SeedWeekUpdates.class.getResourceAsStream("/seed-week/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource seed-week/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(SeedWeekUpdates::splitCsv)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One CSV line; a quoted field may hold commas (thousands separators). */
    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
