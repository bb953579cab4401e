package io.flowwatch.analytics.testing;

import io.flowwatch.events.Event;
import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.Quote;
import io.flowwatch.events.TradingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The seed-week scenario (test resources {@code /seed-week/}, copied verbatim from shared/scenarios) as contract
 * events, the way ingest would publish them: one fund-flow event per product and day (source {@code farside}), one
 * quote, holdings or liquidation event per row. Ids are derived from the content, so that every run publishes the
 * same ids.
 */
public final class SeedWeekEvents {

    private static final DateTimeFormatter FARSIDE_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);
    /** Issuers of the products in the flow tables (what ingest's product list knows). */
    private static final Map<String, String> ISSUERS = Map.ofEntries(
            Map.entry("IBIT", "BlackRock"), Map.entry("FBTC", "Fidelity"), Map.entry("BITB", "Bitwise"),
            Map.entry("ARKB", "ARK 21Shares"), Map.entry("BTCO", "Invesco Galaxy"), Map.entry("EZBC", "Franklin Templeton"),
            Map.entry("BRRR", "CoinShares Valkyrie"), Map.entry("HODL", "VanEck"), Map.entry("BTCW", "WisdomTree"),
            Map.entry("GBTC", "Grayscale"), Map.entry("BTC", "Grayscale"), Map.entry("ETHA", "BlackRock"),
            Map.entry("FETH", "Fidelity"), Map.entry("ETHW", "Bitwise"), Map.entry("CETH", "21Shares"),
            Map.entry("ETHV", "VanEck"), Map.entry("QETH", "Invesco Galaxy"), Map.entry("EZET", "Franklin Templeton"),
            Map.entry("ETHE", "Grayscale"), Map.entry("ETH", "Grayscale"), Map.entry("XRPC", "Canary"),
            Map.entry("XRPZ", "Franklin Templeton"), Map.entry("GXRP", "Grayscale"), Map.entry("XRP", "Bitwise"),
            Map.entry("TOXR", "21Shares"), Map.entry("BSOL", "Bitwise"), Map.entry("GSOL", "Grayscale"),
            Map.entry("VSOL", "VanEck"), Map.entry("FSOL", "Fidelity"), Map.entry("SOEZ", "Franklin Templeton"),
            Map.entry("TSOL", "21Shares"));

    private SeedWeekEvents() {}

    /** Every event of the scenario: flows of all four asset classes, quotes, holdings, liquidations. */
    public static List<Event<?>> all() {
        List<Event<?>> events = new ArrayList<>();
        for (String asset : List.of("BTC", "ETH", "XRP", "SOL")) {
            events.addAll(flows(asset));
        }
        events.addAll(quotes());
        events.addAll(holdings());
        events.addAll(liquidations());
        return events;
    }

    /** The fund flows of one asset's table ({@code btc-spot-etf-flows.csv} for BTC), one event per product cell. */
    public static List<Event<FundFlow>> flows(String asset) {
        List<List<String>> rows = read(asset.toLowerCase(Locale.ROOT) + "-spot-etf-flows.csv");
        List<String> header = rows.getFirst();
        List<Event<FundFlow>> events = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            LocalDate date = LocalDate.parse(row.getFirst(), FARSIDE_DATE);
            for (int column = 1; column < header.size() - 1; column++) {
                BigDecimal millions = farsideMillions(row.get(column));
                if (millions == null) {
                    continue;
                }
                String product = header.get(column);
                FundFlow flow = new FundFlow(product, ISSUERS.get(product), asset, "us-spot-etf", date,
                        millions.movePointRight(6), 1);
                events.add(Event.of(id("flow", product, date, 1), "farside",
                        TradingCalendar.marketClose(date).plus(Duration.ofHours(4)), flow));
            }
        }
        return events;
    }

    /** One flow event with the given figure (for revisions and other hand-made cases). */
    public static Event<FundFlow> flow(String source, String product, String asset, LocalDate date, String amount,
            int revision, Instant receivedAt) {
        FundFlow flow = new FundFlow(product, ISSUERS.get(product), asset, "us-spot-etf", date, new BigDecimal(amount),
                revision);
        return Event.of(UUID.randomUUID(), source, receivedAt, flow);
    }

    public static List<Event<Quote>> quotes() {
        List<List<String>> rows = read("quotes.csv");
        return rows.subList(1, rows.size()).stream().map(row -> {
            Instant time = Instant.parse(row.get(0));
            Quote quote = new Quote(row.get(1), time, decimal(row.get(2)), decimal(row.get(3)));
            return Event.of(id("quote", row.get(1), time, 0), "coingecko", time.plusSeconds(5), quote);
        }).toList();
    }

    public static List<Event<Holdings>> holdings() {
        List<List<String>> rows = read("holdings.csv");
        return rows.subList(1, rows.size()).stream().map(row -> {
            LocalDate date = LocalDate.parse(row.get(0));
            Holdings holdings = new Holdings(row.get(1), date, new BigDecimal(row.get(2)));
            return Event.of(id("holdings", row.get(1), date, 0), row.get(3),
                    TradingCalendar.marketClose(date).plus(Duration.ofHours(5)), holdings);
        }).toList();
    }

    public static List<Event<Liquidation>> liquidations() {
        List<List<String>> rows = read("liquidations.csv");
        List<Event<Liquidation>> events = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            Instant time = Instant.parse(row.get(0));
            Liquidation liquidation = new Liquidation(row.get(1), row.get(2), Liquidation.Side.parse(row.get(3)),
                    new BigDecimal(row.get(4)), time);
            events.add(Event.of(id("liquidation", row.get(1), time, i), row.get(1), time.plusSeconds(1), liquidation));
        }
        return events;
    }

    private static UUID id(String kind, String subject, Object when, int number) {
        return UUID.nameUUIDFromBytes(("seed-week/" + kind + "/" + subject + "/" + when + "/" + number)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** {@code (817.9)} → -817.9, {@code "1,234.5"} → 1234.5, {@code -} → null (no figure). */
    static BigDecimal farsideMillions(String cell) {
        String value = cell.replace(",", "").trim();
        if (value.equals("-") || value.isEmpty()) {
            return null;
        }
        boolean negative = value.startsWith("(") && value.endsWith(")");
        BigDecimal amount = new BigDecimal(negative ? value.substring(1, value.length() - 1) : value);
        return negative ? amount.negate() : amount;
    }

    private static BigDecimal decimal(String cell) {
        return cell == null || cell.isBlank() ? null : new BigDecimal(cell.trim());
    }

    private static List<List<String>> read(String file) {
        try (InputStream in = SeedWeekEvents.class.getResourceAsStream("/seed-week/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource /seed-week/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(SeedWeekEvents::splitCsv)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits one CSV line; a quoted field may hold commas (thousands separators) and doubled quotes. */
    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
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
