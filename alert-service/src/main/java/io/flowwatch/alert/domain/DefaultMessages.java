package io.flowwatch.alert.domain;

import io.flowwatch.events.MetricName;
import io.flowwatch.events.MetricUpdate;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The message of a rule without a template, worded like the news, e.g. "US spot Bitcoin ETFs: net outflow of
 * $817.9M on 2026-01-29, the largest daily outflow since 2025-11-20; week to date −$978.0M". It says what the
 * rule is about: a record claim only for a rule with a {@link Condition.Record} condition, a streak only for
 * one with {@link Condition.StreakReaches}.
 */
public final class DefaultMessages {

    private static final Map<String, String> INSTRUMENT_NAMES =
            Map.of("TOTAL", "Whole crypto market", "XAU", "Gold");

    private DefaultMessages() {}

    public static String render(Rule rule, MetricUpdate update) {
        if (update.value() == null) {
            return generic(rule, update);
        }
        MetricName metric = MetricName.fromWireName(update.metric()).orElse(null);
        if (metric == null) {
            return generic(rule, update);
        }
        return switch (metric) {
            case FLOW_DAILY -> dailyFlow(rule, update);
            case FLOW_WEEK_TO_DATE, FLOW_MONTH_TO_DATE, FLOW_YEAR_TO_DATE, FLOW_CUMULATIVE -> flowWindow(update);
            case FLOW_STREAK -> streak(update);
            case QUOTE_CHANGE -> quoteChange(update);
            case LIQUIDATION_WINDOW -> liquidations(update);
            case HOLDINGS_SHARE -> holdingsShare(update);
            default -> generic(rule, update); // a metric added to the contract later
        };
    }

    private static String dailyFlow(Rule rule, MetricUpdate update) {
        Map<String, String> context = update.context();
        String direction = context.getOrDefault("direction", directionOf(update.value()));
        if (direction.equals("flat")) {
            return label(update) + ": no net flow on " + update.date();
        }
        StringBuilder text = new StringBuilder(label(update))
                .append(": net ").append(direction).append(" of ").append(NewsFormat.usdCompact(update.value().abs()))
                .append(" on ").append(update.date());
        if (uses(rule.condition(), Condition.Record.class)) {
            String since = context.get("recordSince");
            text.append(", the largest daily ").append(direction).append(since != null
                    ? " since " + since
                    : " in the " + context.get("historyDays") + " days of history");
        }
        if (uses(rule.condition(), Condition.StreakReaches.class) && context.containsKey("streakDays")) {
            text.append(", ").append(context.get("streakDirection")).append("s on ")
                    .append(context.get("streakDays")).append(" trading days in a row");
        }
        if (context.containsKey("weekToDate")) {
            text.append("; week to date ").append(usd(context.get("weekToDate")));
        }
        return text.toString();
    }

    private static String flowWindow(MetricUpdate update) {
        String window = update.metric().substring("flow.".length());
        String text = label(update) + ": " + window + " net flow " + NewsFormat.usdCompact(update.value())
                + " on " + update.date();
        String previous = update.context().get("previous");
        return previous == null
                ? text
                : text + ", from " + usd(previous) + " the previous trading day";
    }

    private static String streak(MetricUpdate update) {
        return label(update) + ": " + update.context().getOrDefault("direction", "flow") + "s on "
                + update.value().abs().toPlainString() + " trading days in a row, through " + update.date();
    }

    private static String quoteChange(MetricUpdate update) {
        Map<String, String> context = update.context();
        String instrument = beforeAt(update.scope());
        boolean marketCap = "marketCap".equals(context.get("field"));
        StringBuilder text = new StringBuilder(INSTRUMENT_NAMES.getOrDefault(instrument, instrument))
                .append(marketCap ? " market cap " : " price ")
                .append(NewsFormat.percent(update.value()))
                .append(" in ").append(context.getOrDefault("window", afterAt(update.scope())));
        if (context.containsKey("from") && context.containsKey("to")) {
            text.append(", from ").append(marketCap ? usd(context.get("from")) : price(context.get("from")))
                    .append(" to ").append(marketCap ? usd(context.get("to")) : price(context.get("to")));
        }
        return text.append(" (").append(update.at()).append(")").toString();
    }

    private static String liquidations(MetricUpdate update) {
        String[] venueSide = beforeAt(update.scope()).split(":", 2);
        String venue = capitalize(venueSide[0]);
        String side = venueSide.length > 1 ? venueSide[1] + " " : "";
        String count = update.context().get("count");
        return venue + ": " + NewsFormat.usdCompact(update.value()) + " of " + side + "positions liquidated in "
                + update.context().getOrDefault("window", afterAt(update.scope())) + " to " + update.at()
                + (count == null ? "" : " (" + count + " liquidations)");
    }

    private static String holdingsShare(MetricUpdate update) {
        Map<String, String> context = update.context();
        String text = label(update) + ": assets " + NewsFormat.percent(update.value()) + " of the market cap";
        if (context.containsKey("assets") && context.containsKey("marketCap")) {
            text += " (" + usd(context.get("assets")) + " of " + usd(context.get("marketCap")) + ")";
        }
        return update.date() == null ? text : text + " on " + update.date();
    }

    private static String generic(Rule rule, MetricUpdate update) {
        String value = update.value() == null ? "no value" : update.value().toPlainString();
        return rule.name() + ": " + update.metric() + " " + update.scope() + " is " + value + " at " + update.at();
    }

    /** Whether the condition is, or contains, a condition of the given kind. */
    static boolean uses(Condition condition, Class<? extends Condition> kind) {
        return switch (condition) {
            case Condition.AllOf all -> all.conditions().stream().anyMatch(c -> uses(c, kind));
            case Condition.AnyOf any -> any.conditions().stream().anyMatch(c -> uses(c, kind));
            default -> kind.isInstance(condition);
        };
    }

    /** A context amount in news form; as it stands if it is not a number, so a message never fails. */
    private static String usd(String amount) {
        try {
            return NewsFormat.usdCompact(new BigDecimal(amount));
        } catch (NumberFormatException e) {
            return amount;
        }
    }

    private static String price(String amount) {
        try {
            return NewsFormat.usdPrice(new BigDecimal(amount));
        } catch (NumberFormatException e) {
            return amount;
        }
    }

    private static String label(MetricUpdate update) {
        return update.context().getOrDefault("label", update.scope());
    }

    private static String directionOf(BigDecimal value) {
        return switch (value.signum()) {
            case 1 -> "inflow";
            case -1 -> "outflow";
            default -> "flat";
        };
    }

    private static String beforeAt(String scope) {
        int at = scope.indexOf('@');
        return at < 0 ? scope : scope.substring(0, at);
    }

    private static String afterAt(String scope) {
        int at = scope.indexOf('@');
        return at < 0 ? "" : scope.substring(at + 1);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
