package io.flowwatch.ingest.service.imports;

import io.flowwatch.events.Holdings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads {@code date,scope,total_net_assets_usd,source}. The scope is an asset class {@code <kind>:<ASSET>}
 * (e.g. {@code us-spot-etf:BTC}, {@code all-etp:ALL}; kind lower-cased, asset upper-cased) or a product
 * ticker (upper-cased). Assets are in US dollars, zero or more. The source, as written, goes into
 * {@link ParsedRow#source()} (null when empty).
 */
public final class HoldingsCsvParser {

    public static final List<String> COLUMNS = List.of("date", "scope", "total_net_assets_usd", "source");
    private static final int DATE = 0;
    private static final int SCOPE = 1;
    private static final int ASSETS = 2;
    private static final int SOURCE = 3;

    private final Clock clock;

    public HoldingsCsvParser() {
        this(Clock.systemUTC());
    }

    /** @param clock decides which dates lie too far in the future */
    public HoldingsCsvParser(Clock clock) {
        this.clock = clock;
    }

    public ParseResult<Holdings> parse(byte[] body) {
        return FixedColumnsCsv.parse(body, COLUMNS, cells -> {
            LocalDate date = cells.parse(DATE, text -> FieldText.isoDate(text, clock));
            String scope = cells.parse(SCOPE, HoldingsCsvParser::scope);
            BigDecimal assets = cells.parse(ASSETS, DecimalText::parseNonNegative);
            String source = cells.text(SOURCE).isEmpty() ? null : cells.text(SOURCE);
            return cells.hasErrors()
                    ? null
                    : new ParsedRow<>(cells.line(), source, new Holdings(scope, date, assets));
        });
    }

    static String scope(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return FieldText.upperCode(text);
        }
        String kind = FieldText.lowerCode(text.substring(0, colon).trim());
        return kind + ":" + FieldText.upperCode(text.substring(colon + 1).trim());
    }
}
