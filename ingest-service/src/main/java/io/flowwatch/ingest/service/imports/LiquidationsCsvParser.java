package io.flowwatch.ingest.service.imports;

import io.flowwatch.events.Liquidation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reads {@code time,venue,instrument,side,notional_usd}: an ISO-8601 instant with {@code Z} or an offset, a
 * venue (lower-cased), an instrument (upper-cased), the liquidated side {@code long} or {@code short} (any case)
 * and the notional in US dollars, greater than zero.
 */
public final class LiquidationsCsvParser {

    public static final List<String> COLUMNS = List.of("time", "venue", "instrument", "side", "notional_usd");
    private static final int TIME = 0;
    private static final int VENUE = 1;
    private static final int INSTRUMENT = 2;
    private static final int SIDE = 3;
    private static final int NOTIONAL = 4;

    private final Clock clock;

    public LiquidationsCsvParser() {
        this(Clock.systemUTC());
    }

    /** @param clock decides which times lie too far in the future */
    public LiquidationsCsvParser(Clock clock) {
        this.clock = clock;
    }

    public ParseResult<Liquidation> parse(byte[] body) {
        return FixedColumnsCsv.parse(body, COLUMNS, cells -> {
            Instant time = cells.parse(TIME, text -> FieldText.instant(text, clock));
            String venue = cells.parse(VENUE, FieldText::lowerCode);
            String instrument = cells.parse(INSTRUMENT, FieldText::upperCode);
            Liquidation.Side side = cells.parse(SIDE, Liquidation.Side::parse);
            BigDecimal notional = cells.parse(NOTIONAL, DecimalText::parsePositive);
            return cells.hasErrors()
                    ? null
                    : new ParsedRow<>(cells.line(), null, new Liquidation(venue, instrument, side, notional, time));
        });
    }
}
