package io.flowwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The independent computation: every event the system accepted (a 202 naming it, or a later "duplicate" of its own
 * id after an uncertain failure), kept in the suite's memory and summed here without any of flowwatch's code.
 */
final class Ledger {

    record Liquidation(String venue, String side, Instant time, BigDecimal notional) {}

    /** An accepted event as pushed, for republishing it straight to the broker. */
    record Accepted(String id, String routingKey, String json) {}

    /** A count and a sum. */
    record Total(long count, BigDecimal total) {
        static final Total ZERO = new Total(0, BigDecimal.ZERO);

        Total plus(BigDecimal amount) {
            return new Total(count + 1, total.add(amount));
        }
    }

    private final List<Liquidation> liquidations = new ArrayList<>();
    private final Map<String, TreeMap<Instant, BigDecimal>> quotePrices = new TreeMap<>();
    /** asset → trading date → product → the figure in force (the latest revision). */
    private final Map<String, TreeMap<LocalDate, TreeMap<String, BigDecimal>>> flows = new TreeMap<>();
    private final List<Accepted> accepted = new ArrayList<>();

    synchronized void accept(JsonNode event) {
        String type = event.get("type").asText();
        JsonNode data = event.get("data");
        switch (type) {
            case "flowwatch.quote.v1" -> {
                quotePrices.computeIfAbsent(data.get("instrument").asText(), i -> new TreeMap<>())
                        .put(Instant.parse(data.get("time").asText()), data.get("priceUsd").decimalValue());
                accepted.add(new Accepted(event.get("id").asText(),
                        "quote." + data.get("instrument").asText().toLowerCase(Locale.ROOT), event.toString()));
            }
            case "flowwatch.liquidation.v1" -> {
                liquidations.add(new Liquidation(data.get("venue").asText(), data.get("side").asText(),
                        Instant.parse(data.get("time").asText()), data.get("notionalUsd").decimalValue()));
                accepted.add(new Accepted(event.get("id").asText(),
                        "liquidation." + data.get("venue").asText(), event.toString()));
            }
            case "flowwatch.fund-flow.v1" -> flow(data.get("asset").asText(), LocalDate.parse(data.get("tradingDate").asText()),
                    data.get("product").asText(), data.get("netFlowUsd").decimalValue());
            default -> throw new IllegalArgumentException("the ledger does not know " + type);
        }
    }

    private void flow(String asset, LocalDate date, String product, BigDecimal amount) {
        flows.computeIfAbsent(asset, a -> new TreeMap<>()).computeIfAbsent(date, d -> new TreeMap<>()).put(product, amount);
    }

    /** Liquidations of a venue and side with {@code from < time <= to}. */
    synchronized Total liquidations(String venue, String side, Instant from, Instant to) {
        Total total = Total.ZERO;
        for (Liquidation l : liquidations) {
            if (l.venue().equals(venue) && l.side().equals(side) && l.time().isAfter(from) && !l.time().isAfter(to)) {
                total = total.plus(l.notional());
            }
        }
        return total;
    }

    /** The latest quote price of an instrument at or before a time. */
    synchronized Optional<Map.Entry<Instant, BigDecimal>> priceAtOrBefore(String instrument, Instant time) {
        TreeMap<Instant, BigDecimal> prices = quotePrices.get(instrument);
        return Optional.ofNullable(prices == null ? null : prices.floorEntry(time));
    }

    /** Quote times of an instrument within {@code [from, to)}. */
    synchronized List<Instant> quoteTimes(String instrument, Instant from, Instant to) {
        TreeMap<Instant, BigDecimal> prices = quotePrices.get(instrument);
        return prices == null ? List.of() : List.copyOf(prices.subMap(from, to).keySet());
    }

    /** Per trading date, the sum over the asset's products of the figure in force. */
    synchronized TreeMap<LocalDate, BigDecimal> dailyNet(String asset) {
        TreeMap<LocalDate, BigDecimal> net = new TreeMap<>();
        flows.getOrDefault(asset, new TreeMap<>()).forEach((date, products) ->
                net.put(date, products.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        return net;
    }

    synchronized List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    synchronized int liquidationCount() {
        return liquidations.size();
    }

    // --- the seed week, read from its files -----------------------------------------------------------------

    private static final DateTimeFormatter FARSIDE_DATE = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    /** A Farside flow table: each fund's figure (US$ millions, parentheses negative, '-' none) per date. */
    void loadFarside(String asset, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = csv(lines.getFirst());
        synchronized (this) {
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = csv(line);
                LocalDate date = LocalDate.parse(cells.getFirst(), FARSIDE_DATE);
                for (int i = 1; i < header.size() - 1; i++) {
                    String cell = cells.get(i).replace(",", "").trim();
                    if (cell.equals("-") || cell.isEmpty()) {
                        continue;
                    }
                    boolean negative = cell.startsWith("(");
                    BigDecimal millions = new BigDecimal(cell.replace("(", "").replace(")", ""));
                    flow(asset, date, header.get(i), (negative ? millions.negate() : millions).movePointRight(6));
                }
            }
        }
    }

    /** The seed week's liquidations file. */
    void loadLiquidations(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        synchronized (this) {
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    List<String> c = csv(line);
                    liquidations.add(new Liquidation(c.get(1), c.get(3), Instant.parse(c.get(0)), new BigDecimal(c.get(4))));
                }
            }
        }
    }

    private static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
