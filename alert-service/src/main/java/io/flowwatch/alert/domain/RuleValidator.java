package io.flowwatch.alert.domain;

import io.flowwatch.alert.domain.Condition.AllOf;
import io.flowwatch.alert.domain.Condition.AnyOf;
import io.flowwatch.alert.domain.Condition.Crossing;
import io.flowwatch.alert.domain.Condition.Operator;
import io.flowwatch.alert.domain.Condition.StreakReaches;
import io.flowwatch.alert.domain.Condition.Threshold;
import io.flowwatch.events.MetricName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Says everything that is wrong with a rule at once, so an API caller can fix it in one go. Beyond missing
 * fields it catches conditions that can never fire, e.g. {@code value > 10 and value < 5}, or a record condition
 * on a metric that carries no record context.
 */
public final class RuleValidator {

    /** The metrics whose updates carry context {@code previous}, which a {@link Crossing} needs. */
    static final Set<String> METRICS_WITH_PREVIOUS = Set.of(
            MetricName.FLOW_WEEK_TO_DATE.wireName(),
            MetricName.FLOW_MONTH_TO_DATE.wireName(),
            MetricName.FLOW_YEAR_TO_DATE.wireName(),
            MetricName.FLOW_CUMULATIVE.wireName());

    private static final Set<String> FLOW_DIRECTIONS = Set.of("inflow", "outflow");
    private static final String FLOW_DAILY = MetricName.FLOW_DAILY.wireName();
    private static final String FLOW_STREAK = MetricName.FLOW_STREAK.wireName();

    private RuleValidator() {}

    /** The problems of a rule; empty when it is fine. */
    public static List<RuleProblem> validate(Rule rule) {
        List<RuleProblem> problems = new ArrayList<>();
        if (isBlank(rule.id())) {
            problems.add(new RuleProblem("id", "must not be empty"));
        }
        if (isBlank(rule.name())) {
            problems.add(new RuleProblem("name", "must not be empty"));
        } else if (rule.name().chars().anyMatch(Character::isISOControl)) {
            // the name becomes an e-mail subject and log text, where a line break would add headers or lines
            problems.add(new RuleProblem("name", "must be one line without control characters"));
        } else if (rule.name().length() > 200) {
            problems.add(new RuleProblem("name", "must be at most 200 characters"));
        }
        String metric = null;
        if (rule.selector() == null) {
            problems.add(new RuleProblem("selector", "must be given"));
        } else {
            metric = rule.selector().metric();
            if (metric == null || MetricName.fromWireName(metric).isEmpty()) {
                problems.add(new RuleProblem("selector.metric", "unknown metric '" + metric + "'"));
            }
            if (isBlank(rule.selector().scope())) {
                problems.add(new RuleProblem("selector.scope", "must not be empty"));
            }
        }
        if (rule.condition() == null) {
            problems.add(new RuleProblem("condition", "must be given"));
        } else {
            checkCondition(rule.condition(), metric, "condition", problems);
        }
        if (!Rule.SEVERITIES.contains(rule.severity())) {
            problems.add(new RuleProblem("severity", "must be one of " + Rule.SEVERITIES + ", not '" + rule.severity() + "'"));
        }
        if (rule.forDuration() != null && rule.forDuration().isNegative()) {
            problems.add(new RuleProblem("forDuration", "must not be negative"));
        }
        if (rule.keepFiringFor() != null && rule.keepFiringFor().isNegative()) {
            problems.add(new RuleProblem("keepFiringFor", "must not be negative"));
        }
        if (rule.repeatInterval() != null && !rule.repeatInterval().isPositive()) {
            // zero would remind on every single update
            problems.add(new RuleProblem("repeatInterval", "must be positive when set"));
        }
        return List.copyOf(problems);
    }

    private static void checkCondition(Condition condition, String metric, String field, List<RuleProblem> problems) {
        switch (condition) {
            case Threshold t -> {
                if (t.op() == null || t.value() == null) {
                    problems.add(new RuleProblem(field, "a threshold needs an operator and a value"));
                }
            }
            case Crossing c -> {
                if (c.direction() == null || c.level() == null) {
                    problems.add(new RuleProblem(field, "a crossing needs a direction and a level"));
                }
                if (metric != null && !METRICS_WITH_PREVIOUS.contains(metric)) {
                    problems.add(new RuleProblem(field,
                            "can never fire: " + metric + " carries no previous value to cross from; use one of "
                                    + METRICS_WITH_PREVIOUS.stream().sorted().toList()));
                }
            }
            case Condition.Record r -> {
                checkFlowDirection(r.direction(), field, problems);
                if (r.minDays() < 1) {
                    problems.add(new RuleProblem(field, "minDays must be at least 1"));
                }
                if (metric != null && !FLOW_DAILY.equals(metric)) {
                    problems.add(new RuleProblem(field, "can never fire: records are only reported on " + FLOW_DAILY));
                }
            }
            case StreakReaches s -> {
                checkFlowDirection(s.direction(), field, problems);
                if (s.days() < 1) {
                    problems.add(new RuleProblem(field, "days must be at least 1"));
                }
                if (metric != null && !FLOW_DAILY.equals(metric) && !FLOW_STREAK.equals(metric)) {
                    problems.add(new RuleProblem(field,
                            "can never fire: streaks are only reported on " + FLOW_DAILY + " and " + FLOW_STREAK));
                }
            }
            case AllOf all -> {
                if (all.conditions().isEmpty()) {
                    problems.add(new RuleProblem(field, "can never fire: allOf is empty"));
                }
                checkChildren(all.conditions(), metric, field + ".allOf", problems);
                checkThresholdsCompatible(all, field, problems);
            }
            case AnyOf any -> {
                if (any.conditions().isEmpty()) {
                    problems.add(new RuleProblem(field, "can never fire: anyOf is empty"));
                }
                checkChildren(any.conditions(), metric, field + ".anyOf", problems);
            }
        }
    }

    private static void checkChildren(List<Condition> children, String metric, String field, List<RuleProblem> problems) {
        for (int i = 0; i < children.size(); i++) {
            checkCondition(children.get(i), metric, field + "[" + i + "]", problems);
        }
    }

    private static void checkFlowDirection(String direction, String field, List<RuleProblem> problems) {
        if (!FLOW_DIRECTIONS.contains(direction)) {
            problems.add(new RuleProblem(field, "direction must be inflow or outflow, not '" + direction + "'"));
        }
    }

    /** The thresholds that all must hold (nested allOfs included) must leave some value possible. */
    private static void checkThresholdsCompatible(AllOf all, String field, List<RuleProblem> problems) {
        List<Threshold> thresholds = new ArrayList<>();
        collectThresholds(all, thresholds);
        Threshold lowest = null; // the tightest lower bound (value > x or value >= x)
        Threshold highest = null; // the tightest upper bound (value < x or value <= x)
        for (Threshold t : thresholds) {
            boolean lower = t.op() == Operator.GT || t.op() == Operator.GTE;
            if (lower && (lowest == null || tighterLower(t, lowest))) {
                lowest = t;
            } else if (!lower && (highest == null || tighterUpper(t, highest))) {
                highest = t;
            }
        }
        if (lowest == null || highest == null) {
            return;
        }
        int c = lowest.value().compareTo(highest.value());
        boolean bothInclusive = lowest.op() == Operator.GTE && highest.op() == Operator.LTE;
        if (c > 0 || (c == 0 && !bothInclusive)) {
            problems.add(new RuleProblem(field, "can never fire: value " + describe(lowest) + " and value "
                    + describe(highest) + " cannot both hold"));
        }
    }

    private static void collectThresholds(AllOf all, List<Threshold> into) {
        for (Condition c : all.conditions()) {
            if (c instanceof Threshold t && t.op() != null && t.value() != null) {
                into.add(t);
            } else if (c instanceof AllOf nested) {
                collectThresholds(nested, into);
            }
        }
    }

    private static boolean tighterLower(Threshold candidate, Threshold current) {
        int c = candidate.value().compareTo(current.value());
        return c > 0 || (c == 0 && candidate.op() == Operator.GT);
    }

    private static boolean tighterUpper(Threshold candidate, Threshold current) {
        int c = candidate.value().compareTo(current.value());
        return c < 0 || (c == 0 && candidate.op() == Operator.LT);
    }

    private static String describe(Threshold t) {
        return t.op().symbol() + " " + t.value().toPlainString();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
