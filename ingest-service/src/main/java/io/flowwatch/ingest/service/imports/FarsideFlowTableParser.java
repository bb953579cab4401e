package io.flowwatch.ingest.service.imports;

import io.flowwatch.events.FundFlow;
import io.flowwatch.events.TradingCalendar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a Farside-style daily flow table: a {@code Date} column ({@code 29 Jan 2026}), one column per fund
 * ticker, and a {@code Total} column. Figures are US$ millions: {@code 1,234.5} (quoted, as the comma needs),
 * {@code (817.9)} or {@code -817.9} for outflows, and {@code -} or nothing for "no figure reported" (no event,
 * not a zero; {@code 0.0} and {@code (0.0)} are real figures of zero).
 *
 * <p>Each row must be on a US trading day, at most once per file, and each fund's figure on or after the fund's
 * inception. The Total must equal the sum of the row's figures within a tolerance. A row with any problem
 * yields no events at all; an unknown ticker, or one of another asset, fails the whole file.
 */
public final class FarsideFlowTableParser {

    public static final BigDecimal DEFAULT_TOLERANCE_MILLIONS = new BigDecimal("0.1");
    private static final String DATE = "Date";
    private static final String TOTAL = "Total";
    private static final String NO_FIGURE = "-";
    private static final DateTimeFormatter DATE_FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d MMM uuuu")
            .toFormatter(Locale.ENGLISH)
            .withResolverStyle(ResolverStyle.STRICT);

    private final BigDecimal toleranceMillions;
    private final Clock clock;

    public FarsideFlowTableParser() {
        this(DEFAULT_TOLERANCE_MILLIONS);
    }

    /** @param toleranceMillions how far (US$ millions) the Total may be from the sum of the figures */
    public FarsideFlowTableParser(BigDecimal toleranceMillions) {
        this(toleranceMillions, Clock.systemUTC());
    }

    /** @param clock decides which dates lie too far in the future */
    public FarsideFlowTableParser(BigDecimal toleranceMillions, Clock clock) {
        if (toleranceMillions.signum() < 0) {
            throw new IllegalArgumentException("the tolerance must not be negative");
        }
        this.toleranceMillions = toleranceMillions;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param asset the asset all the table's funds hold, e.g. {@code BTC}
     * @param kind the product kind of the events, e.g. {@code us-spot-etf}
     */
    public ParseResult<FundFlow> parse(byte[] body, String asset, String kind, ProductLookup products) {
        Csv.Table table = Csv.read(body);
        List<RowError> errors = new ArrayList<>(table.errors());
        if (table.header().isEmpty()) {
            return ParseResult.failed(errors, table.rowsRead());
        }
        String tableAsset = asset.trim().toUpperCase(Locale.ROOT);
        Layout layout = layout(table.header(), tableAsset, products, errors);
        if (layout == null) {
            return ParseResult.failed(FixedColumnsCsv.byLine(errors), table.rowsRead());
        }
        List<ParsedRow<FundFlow>> rows = new ArrayList<>();
        Map<LocalDate, Integer> lineOfDate = new HashMap<>();
        for (Csv.Record record : table.records()) {
            Cells cells = new Cells(record.line(), layout.columnNames(), record.fields());
            List<FundFlow> flows = row(cells, layout, tableAsset, kind, lineOfDate);
            errors.addAll(cells.errors());
            flows.forEach(flow -> rows.add(new ParsedRow<>(record.line(), null, flow)));
        }
        return new ParseResult<>(rows, FixedColumnsCsv.byLine(errors), table.rowsRead());
    }

    private record Fund(int column, Product product) {}

    /** Where the Date, Total and fund columns are; column names as errors report them. */
    private record Layout(int dateColumn, int totalColumn, List<Fund> funds, List<String> columnNames) {}

    private record Figure(Fund fund, BigDecimal millions) {}

    /** Reads the header; answers null after adding errors when it cannot be used. */
    private static Layout layout(List<String> header, String asset, ProductLookup products, List<RowError> errors) {
        int errorsBefore = errors.size();
        int dateColumn = -1;
        int totalColumn = -1;
        List<Fund> funds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column).trim();
            names.add(name.equalsIgnoreCase(DATE) ? DATE : name.equalsIgnoreCase(TOTAL) ? TOTAL : name);
            if (name.isEmpty()) {
                errors.add(new RowError(1, "header", name, "column " + (column + 1) + " has no name"));
            } else if (!seen.add(name.toUpperCase(Locale.ROOT))) {
                errors.add(new RowError(1, "header", name, "column " + name + " appears twice"));
            } else if (name.equalsIgnoreCase(DATE)) {
                dateColumn = column;
            } else if (name.equalsIgnoreCase(TOTAL)) {
                totalColumn = column;
            } else {
                Product product = products.find(name).orElse(null);
                if (product == null) {
                    errors.add(new RowError(1, "header", name, "unknown ticker " + name));
                } else if (!product.asset().equalsIgnoreCase(asset)) {
                    errors.add(new RowError(1, "header", name,
                            "ticker " + name + " is a " + product.asset() + " fund, not " + asset));
                } else {
                    funds.add(new Fund(column, product));
                }
            }
        }
        String headerText = String.join(",", header);
        if (dateColumn < 0) {
            errors.add(new RowError(1, "header", headerText, "the Date column is missing"));
        }
        if (totalColumn < 0) {
            errors.add(new RowError(1, "header", headerText, "the Total column is missing"));
        }
        if (funds.isEmpty() && errors.size() == errorsBefore) {
            errors.add(new RowError(1, "header", headerText, "there are no fund columns"));
        }
        return errors.size() > errorsBefore ? null : new Layout(dateColumn, totalColumn, funds, List.copyOf(names));
    }

    /** The row's flows, or none when the row has a problem (reported on {@code cells}). */
    private List<FundFlow> row(
            Cells cells, Layout layout, String asset, String kind, Map<LocalDate, Integer> lineOfDate) {
        LocalDate date = cells.parse(layout.dateColumn(), this::tradingDate);
        if (date != null) {
            Integer firstLine = lineOfDate.putIfAbsent(date, cells.line());
            if (firstLine != null) {
                cells.error(layout.dateColumn(), "duplicate date: " + date + " is already on line " + firstLine);
            }
        }
        List<Figure> figures = new ArrayList<>();
        boolean allFiguresRead = true;
        for (Fund fund : layout.funds()) {
            BigDecimal millions = cells.parse(fund.column(), FarsideFlowTableParser::figure);
            if (millions == null) {
                allFiguresRead &= isNoFigure(cells.text(fund.column()));
                continue;
            }
            LocalDate inception = fund.product().inceptionDate();
            if (date != null && inception != null && date.isBefore(inception)) {
                cells.error(fund.column(),
                        "a figure before " + fund.product().ticker() + "'s inception on " + inception);
            }
            figures.add(new Figure(fund, millions));
        }
        checkTotal(cells, layout.totalColumn(), figures, allFiguresRead);
        if (cells.hasErrors()) {
            return List.of(); // all or nothing: a row with one wrong figure is not half imported
        }
        return figures.stream()
                .map(figure -> new FundFlow(figure.fund().product().ticker(), figure.fund().product().issuer(), asset,
                        kind, date, figure.millions().movePointRight(6), 1))
                .toList();
    }

    /** Compares the Total with the sum of the figures, unless a figure could not be read (already an error). */
    private void checkTotal(Cells cells, int totalColumn, List<Figure> figures, boolean allFiguresRead) {
        if (isNoFigure(cells.text(totalColumn))) {
            if (!figures.isEmpty()) {
                cells.error(totalColumn, "the Total is missing although the funds have figures");
            }
            return;
        }
        BigDecimal total = cells.parse(totalColumn, DecimalText::parseAccounting);
        if (total == null || !allFiguresRead) {
            return;
        }
        BigDecimal sum = figures.stream().map(Figure::millions).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.subtract(sum).abs().compareTo(toleranceMillions) > 0) {
            cells.error(totalColumn, "the Total " + total.toPlainString()
                    + " differs from the sum of the funds' figures " + sum.toPlainString()
                    + " by more than " + toleranceMillions.toPlainString());
        }
    }

    private LocalDate tradingDate(String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text, DATE_FORMAT);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a date like 29 Jan 2026");
        }
        FieldText.inRange(date, clock);
        if (!TradingCalendar.isTradingDay(date)) {
            throw new IllegalArgumentException(date + " (" + date.getDayOfWeek() + ") is not a US trading day");
        }
        return date;
    }

    /** US$ millions, or null for "no figure". */
    private static BigDecimal figure(String text) {
        return isNoFigure(text) ? null : DecimalText.parseAccounting(text);
    }

    private static boolean isNoFigure(String text) {
        return text.isEmpty() || text.equals(NO_FIGURE);
    }
}
