package io.flowwatch.analytics.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** The quotes of one instrument over time, with changes over windows ("24 h: −6.00 %"). Immutable. */
public final class QuoteSeries {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Which value of a quote a change is computed on. */
    public enum Field {
        PRICE(QuotePoint::price),
        MARKET_CAP(QuotePoint::marketCap);

        private final Function<QuotePoint, BigDecimal> value;

        Field(Function<QuotePoint, BigDecimal> value) {
            this.value = value;
        }

        /** This field of a quote; null if the quote has none. */
        public BigDecimal of(QuotePoint point) {
            return value.apply(point);
        }

        /** PRICE if both endpoints have a price, otherwise MARKET_CAP (the whole market only has a market cap). */
        public static Field preferredFor(QuotePoint from, QuotePoint to) {
            return from.price() != null && to.price() != null ? PRICE : MARKET_CAP;
        }
    }

    /**
     * A change of one field between two quotes.
     *
     * @param from the value at the start
     * @param to the value at the end
     * @param fromTime when the start quote was valid
     * @param toTime when the end quote was valid
     * @param percent {@code (to - from) / from * 100}, rounded half up to 2 decimals
     * @param exactPercent the same unrounded, to 34 significant digits (exact whenever the quotient terminates
     *     within them)
     * @param field which field was compared
     */
    public record Change(
            BigDecimal from,
            BigDecimal to,
            Instant fromTime,
            Instant toTime,
            BigDecimal percent,
            BigDecimal exactPercent,
            Field field) {}

    private final NavigableMap<Instant, QuotePoint> points;
    // Per field, only the quotes that carry it, so "the latest value at or before" is one floor lookup.
    private final NavigableMap<Instant, BigDecimal> prices = new TreeMap<>();
    private final NavigableMap<Instant, BigDecimal> marketCaps = new TreeMap<>();

    private QuoteSeries(NavigableMap<Instant, QuotePoint> points) {
        this.points = points;
        points.values().forEach(point -> {
            if (point.price() != null) {
                prices.put(point.time(), point.price());
            }
            if (point.marketCap() != null) {
                marketCaps.put(point.time(), point.marketCap());
            }
        });
    }

    /**
     * A series of quotes in any order.
     *
     * @throws IllegalArgumentException if two quotes share a time (which one holds would be ambiguous)
     */
    public static QuoteSeries of(Collection<QuotePoint> quotes) {
        TreeMap<Instant, QuotePoint> byTime = new TreeMap<>();
        for (QuotePoint quote : quotes) {
            Objects.requireNonNull(quote, "quote");
            if (byTime.putIfAbsent(quote.time(), quote) != null) {
                throw new IllegalArgumentException("two quotes at " + quote.time());
            }
        }
        return new QuoteSeries(byTime);
    }

    /** The quotes in time order. */
    public List<QuotePoint> points() {
        return List.copyOf(points.values());
    }

    /**
     * The change of a field over a window: {@code to} is the latest quote with that field at or before {@code at},
     * {@code from} the latest one at or before {@code at - window}. Empty if either is missing or {@code from} is
     * zero.
     */
    public Optional<Change> change(Instant at, Duration window, Field field) {
        requirePositive(window);
        NavigableMap<Instant, BigDecimal> values = field == Field.PRICE ? prices : marketCaps;
        var to = values.floorEntry(at);
        var from = values.floorEntry(at.minus(window));
        if (to == null || from == null || from.getValue().signum() == 0) {
            return Optional.empty();
        }
        BigDecimal difference = to.getValue().subtract(from.getValue()).multiply(HUNDRED);
        // Rounded straight from the exact quotient, not from the 34-digit one, so there is no double rounding.
        BigDecimal percent = difference.divide(from.getValue(), 2, RoundingMode.HALF_UP);
        BigDecimal exactPercent = difference.divide(from.getValue(), MathContext.DECIMAL128);
        return Optional.of(new Change(
                from.getValue(), to.getValue(), from.getKey(), to.getKey(), percent, exactPercent, field));
    }

    /** The change over a window on the {@linkplain Field#preferredFor preferred field} of the two endpoint quotes. */
    public Optional<Change> change(Instant at, Duration window) {
        requirePositive(window);
        var to = points.floorEntry(at);
        var from = points.floorEntry(at.minus(window));
        if (to == null || from == null) {
            return Optional.empty();
        }
        return change(at, window, Field.preferredFor(from.getValue(), to.getValue()));
    }

    /** The latest market cap at or before {@code at}: the one in force at that time. */
    public Optional<BigDecimal> marketCapAt(Instant at) {
        return Optional.ofNullable(marketCaps.floorEntry(at)).map(entry -> entry.getValue());
    }

    /** The latest price at or before {@code at}. */
    public Optional<BigDecimal> priceAt(Instant at) {
        return Optional.ofNullable(prices.floorEntry(at)).map(entry -> entry.getValue());
    }

    private static void requirePositive(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }
}
