package io.flowwatch.analytics.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A tiny test-only reader of the seed-week scenario files (/work/shared/scenarios/seed-week). */
final class SeedWeek {

    private static final DateTimeFormatter FARSIDE_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);

    private SeedWeek() {}

    static Path dir() {
        String configured = System.getProperty("flowwatch.seed-week.dir");
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).resolve("../../shared/scenarios/seed-week");
    }

    /** The {@code Total} column of a Farside-style flow table, in US dollars; days with {@code -} are left out. */
    static FlowSeries flowTotals(String file) {
        List<List<String>> rows = read(file);
        int total = rows.getFirst().indexOf("Total");
        List<DailyFlow> days = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            BigDecimal millions = farsideMillions(row.get(total));
            if (millions != null) {
                days.add(new DailyFlow(LocalDate.parse(row.getFirst(), FARSIDE_DATE), millions.movePointRight(6)));
            }
        }
        return FlowSeries.of(days);
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

    /** quotes.csv as one series per instrument. */
    static Map<String, QuoteSeries> quotes() {
        List<List<String>> rows = read("quotes.csv");
        return rows.subList(1, rows.size()).stream().collect(Collectors.groupingBy(row -> row.get(1),
                Collectors.collectingAndThen(
                        Collectors.mapping(row -> new QuotePoint(Instant.parse(row.get(0)), decimal(row.get(2)),
                                decimal(row.get(3))), Collectors.toList()),
                        QuoteSeries::of)));
    }

    record HoldingsRow(LocalDate date, String scope, BigDecimal totalNetAssets) {}

    static List<HoldingsRow> holdings() {
        List<List<String>> rows = read("holdings.csv");
        return rows.subList(1, rows.size()).stream()
                .map(row -> new HoldingsRow(LocalDate.parse(row.get(0)), row.get(1), new BigDecimal(row.get(2))))
                .toList();
    }

    record LiquidationRow(Instant time, String venue, String instrument, String side, BigDecimal notional) {}

    static List<LiquidationRow> liquidations() {
        List<List<String>> rows = read("liquidations.csv");
        return rows.subList(1, rows.size()).stream()
                .map(row -> new LiquidationRow(Instant.parse(row.get(0)), row.get(1), row.get(2), row.get(3),
                        new BigDecimal(row.get(4))))
                .toList();
    }

    private static BigDecimal decimal(String cell) {
        return cell.isBlank() ? null : new BigDecimal(cell.trim());
    }

    private static List<List<String>> read(String file) {
        try {
            return Files.readAllLines(dir().resolve(file), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(SeedWeek::splitCsv)
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
