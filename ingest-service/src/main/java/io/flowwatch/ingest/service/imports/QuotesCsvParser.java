package io.flowwatch.ingest.service.imports;

import io.flowwatch.events.Quote;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads {@code time,instrument,price_usd,market_cap_usd}: an ISO-8601 instant with {@code Z} or an offset, an
 * instrument (upper-cased), and a price and/or a market capitalisation in US dollars, each greater than zero.
 */
public final class QuotesCsvParser {

    public static final List<String> COLUMNS = List.of("time", "instrument", "price_usd", "market_cap_usd");
    private static final int TIME = 0;
    private static final int INSTRUMENT = 1;
    private static final int PRICE = 2;
    private static final int MARKET_CAP = 3;

    private final Clock clock;

    public QuotesCsvParser() {
        this(Clock.systemUTC());
    }

    /** @param clock decides which times lie too far in the future */
    public QuotesCsvParser(Clock clock) {
        this.clock = clock;
    }

    public ParseResult<Quote> parse(byte[] body) {
        return FixedColumnsCsv.parse(body, COLUMNS, cells -> {
            Instant time = cells.parse(TIME, text -> FieldText.instant(text, clock));
            String instrument = cells.parse(INSTRUMENT, FieldText::upperCode);
            BigDecimal price = cells.parse(PRICE, QuotesCsvParser::optionalPositive);
            BigDecimal marketCap = cells.parse(MARKET_CAP, QuotesCsvParser::optionalPositive);
            if (cells.text(PRICE).isEmpty() && cells.text(MARKET_CAP).isEmpty()) {
                cells.error(PRICE, "price_usd or market_cap_usd is required");
            }
            return cells.hasErrors()
                    ? null
                    : new ParsedRow<>(cells.line(), null, new Quote(instrument, time, price, marketCap));
        });
    }

    private static BigDecimal optionalPositive(String text) {
        return text.isEmpty() ? null : DecimalText.parsePositive(text);
    }
}
