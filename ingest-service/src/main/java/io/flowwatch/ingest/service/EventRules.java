package io.flowwatch.ingest.service;

import io.flowwatch.events.Event;
import io.flowwatch.events.FundFlow;
import io.flowwatch.events.Holdings;
import io.flowwatch.events.Liquidation;
import io.flowwatch.events.Quote;
import io.flowwatch.events.TradingCalendar;
import io.flowwatch.ingest.service.imports.Product;
import io.flowwatch.ingest.service.imports.ProductLookup;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a contract event must satisfy beyond its JSON shape before ingest accepts it, whatever the way it came
 * in (push, file, poller): known products of the right asset and kind, US trading days for daily flows, dates
 * and times in a sensible range, and amounts that are finite, exact and in range.
 */
public final class EventRules {

    /** Nothing crypto happened before Bitcoin's genesis block. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(2009, 1, 3);
    /** Amounts are below 10^15 US dollars (a quadrillion), as the imports' 15 integer digits allow. */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);
    /** At most this many digits after the decimal point (the contract's pattern allows 12). */
    public static final int MAX_SCALE = 12;

    private static final Instant EARLIEST_INSTANT = EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,63}");

    /** One rule broken: the JSON pointer (relative to the event), the offending value and the reason. */
    public record Violation(String pointer, String value, String reason) {}

    private final Clock clock;

    public EventRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks one event. A fund flow's product must be in {@code products} (and is assumed to have been filled
     * from it); other kinds do not need the registry.
     */
    public List<Violation> check(Event<?> event, ProductLookup products) {
        List<Violation> violations = new ArrayList<>();
        if (!SOURCE.matcher(event.source()).matches()) {
            violations.add(new Violation("/source", event.source(),
                    "a source is 1 to 128 letters, digits or . _ : / @ - and starts with a letter or digit"));
        }
        instant(violations, "/time", event.time());
        switch (event.data()) {
            case FundFlow flow -> fundFlow(violations, flow, products);
            case Holdings holdings -> {
                code(violations, "/data/scope", holdings.scope());
                date(violations, "/data/date", holdings.date());
                amount(violations, "/data/totalNetAssetsUsd", holdings.totalNetAssetsUsd(), true, false);
            }
            case Quote quote -> {
                code(violations, "/data/instrument", quote.instrument());
                instant(violations, "/data/time", quote.time());
                if (quote.priceUsd() != null) {
                    amount(violations, "/data/priceUsd", quote.priceUsd(), false, false);
                }
                if (quote.marketCapUsd() != null) {
                    amount(violations, "/data/marketCapUsd", quote.marketCapUsd(), false, false);
                }
            }
            case Liquidation liquidation -> {
                code(violations, "/data/venue", liquidation.venue());
                code(violations, "/data/instrument", liquidation.instrument());
                instant(violations, "/data/time", liquidation.time());
                amount(violations, "/data/notionalUsd", liquidation.notionalUsd(), false, false);
            }
            default -> violations.add(new Violation("/type", event.type(),
                    "ingest takes fund-flow, holdings, quote and liquidation events, not " + event.type()));
        }
        return violations;
    }

    private void fundFlow(List<Violation> violations, FundFlow flow, ProductLookup products) {
        Optional<Product> product = products.find(flow.product());
        if (product.isEmpty()) {
            violations.add(new Violation("/data/product", flow.product(), "unknown ticker " + flow.product()
                    + ": add it to the product registry (PUT /api/v1/products/" + flow.product() + ") first"));
        }
        if (date(violations, "/data/tradingDate", flow.tradingDate())) {
            if (!TradingCalendar.isTradingDay(flow.tradingDate())) {
                violations.add(new Violation("/data/tradingDate", flow.tradingDate().toString(), flow.tradingDate()
                        + " (" + flow.tradingDate().getDayOfWeek() + ") is not a US trading day"));
            }
            LocalDate inception = product.map(Product::inceptionDate).orElse(null);
            if (inception != null && flow.tradingDate().isBefore(inception)) {
                violations.add(new Violation("/data/tradingDate", flow.tradingDate().toString(),
                        "a figure before " + flow.product() + "'s inception on " + inception));
            }
        }
        amount(violations, "/data/netFlowUsd", flow.netFlowUsd(), true, true);
    }

    private static void code(List<Violation> violations, String pointer, String value) {
        if (!CODE.matcher(value).matches()) {
            violations.add(new Violation(pointer, value,
                    "expected 1 to 64 letters, digits or . _ / : - starting with a letter or digit"));
        }
    }

    private boolean date(List<Violation> violations, String pointer, LocalDate date) {
        LocalDate latest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        if (date.isBefore(EARLIEST_DATE) || date.isAfter(latest)) {
            violations.add(new Violation(pointer, date.toString(),
                    "out of range: must be on or after " + EARLIEST_DATE + " and at most one day in the future"));
            return false;
        }
        return true;
    }

    private void instant(List<Violation> violations, String pointer, Instant instant) {
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            violations.add(new Violation(pointer, instant.toString(),
                    "out of range: must be on or after " + EARLIEST_DATE + " and at most one day in the future"));
        }
    }

    private static void amount(List<Violation> violations, String pointer, BigDecimal amount, boolean zeroAllowed,
            boolean negativeAllowed) {
        String text = amount.toPlainString();
        if (amount.abs().compareTo(MAX_AMOUNT) >= 0) {
            violations.add(new Violation(pointer, text, "out of range: must be less than 10^15 US dollars in size"));
        } else if (amount.scale() > MAX_SCALE) {
            violations.add(new Violation(pointer, text, "more than " + MAX_SCALE + " digits after the decimal point"));
        } else if (amount.signum() < 0 && !negativeAllowed) {
            violations.add(new Violation(pointer, text, "must not be negative"));
        } else if (amount.signum() == 0 && !zeroAllowed) {
            violations.add(new Violation(pointer, text, "must be greater than zero"));
        }
    }
}
