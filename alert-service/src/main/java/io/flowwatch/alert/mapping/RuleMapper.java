package io.flowwatch.alert.mapping;

import io.flowwatch.alert.domain.Condition;
import io.flowwatch.alert.domain.Condition.AllOf;
import io.flowwatch.alert.domain.Condition.AnyOf;
import io.flowwatch.alert.domain.Condition.Crossing;
import io.flowwatch.alert.domain.Condition.Direction;
import io.flowwatch.alert.domain.Condition.Operator;
import io.flowwatch.alert.domain.Condition.StreakReaches;
import io.flowwatch.alert.domain.Condition.Threshold;
import io.flowwatch.alert.domain.MetricSelector;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.domain.RuleProblem;
import io.flowwatch.alert.domain.RuleValidator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Between the API's {@link RuleDto} and the domain's {@link Rule}. Reading reports every problem at once, each at
 * the JSON pointer of the field the caller wrote ({@code /condition/conditions/1/op}, {@code /for}), including
 * what {@link RuleValidator} finds (a condition that can never fire, an unknown metric).
 */
public final class RuleMapper {

    /** Rule ids appear in URLs, labels and notification ids: a small alphabet. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** Path words under /api/v1/rules that cannot be rule ids. */
    private static final List<String> RESERVED = List.of("export", "import", "demo");

    private static final List<String> TYPES = List.of("threshold", "crossing", "record", "streak", "all", "any");

    private RuleMapper() {}

    /** The domain rule, or null with the problems added to {@code errors}. */
    public static Rule toDomain(RuleDto dto, FieldErrors errors) {
        if (dto == null) {
            errors.add("", "a rule is required");
            return null;
        }
        int before = errors.size();
        FieldErrors mapping = new FieldErrors();
        if (dto.id() != null && !dto.id().isBlank() && !ID.matcher(dto.id()).matches()) {
            mapping.add("/id", dto.id(), "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        } else if (dto.id() != null && RESERVED.contains(dto.id())) {
            mapping.add("/id", dto.id(), "is reserved (a path of the API)");
        }
        Condition condition = dto.condition() == null ? null : condition(dto.condition(), "/condition", mapping);
        Duration forDuration = duration(dto.forDuration(), "/for", mapping);
        Duration keepFiringFor = duration(dto.keepFiringFor(), "/keepFiringFor", mapping);
        Duration repeatInterval = duration(dto.repeatInterval(), "/repeatInterval", mapping);
        List<String> channels = dto.channels() == null ? List.of() : dto.channels();
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i) == null || channels.get(i).isBlank()) {
                mapping.add("/channels/" + i, "must name a channel");
            }
        }
        if (dto.labels() != null) {
            dto.labels().forEach((key, value) -> {
                if (key == null || key.isBlank() || value == null) {
                    mapping.add("/labels/" + key, "labels are non-empty names with a value");
                }
            });
        }
        Rule rule = new Rule(dto.id(), dto.name(), new MetricSelector(dto.metric(), dto.scope()), condition,
                forDuration, keepFiringFor, dto.severity(), dto.labels(), channels, repeatInterval,
                Boolean.TRUE.equals(dto.notifyResolved()), blankToNull(dto.template()));
        mapping.list().forEach(e -> errors.add(e.field(), e.value(), e.reason()));
        for (RuleProblem problem : RuleValidator.validate(rule)) {
            String pointer = pointerOf(problem.field());
            // a part that could not be read is reported once, as unreadable, not again as missing
            if (!mapping.has(pointer) && !(pointer.startsWith("/condition") && mapping.has("/condition"))) {
                errors.add(pointer, problem.reason());
            }
        }
        return errors.size() == before ? rule : null;
    }

    public static RuleDto toDto(Rule rule) {
        return new RuleDto(rule.id(), rule.name(), rule.selector().metric(), rule.selector().scope(),
                toDto(rule.condition()), Durations.format(rule.forDuration()), Durations.format(rule.keepFiringFor()),
                rule.severity(), rule.labels(), rule.channels(), Durations.format(rule.repeatInterval()),
                rule.notifyResolved(), rule.messageTemplate());
    }

    public static ConditionDto toDto(Condition condition) {
        return switch (condition) {
            case Threshold t -> ConditionDto.threshold(t.op().name().toLowerCase(Locale.ROOT), t.value());
            case Crossing c -> ConditionDto.crossing(c.direction().name().toLowerCase(Locale.ROOT), c.level());
            case Condition.Record r -> ConditionDto.record(r.direction(), r.minDays());
            case StreakReaches s -> ConditionDto.streak(s.direction(), s.days());
            case AllOf all -> ConditionDto.all(all.conditions().stream().map(RuleMapper::toDto).toList());
            case AnyOf any -> ConditionDto.any(any.conditions().stream().map(RuleMapper::toDto).toList());
        };
    }

    /**
     * The JSON pointer of a {@link RuleValidator} field: {@code selector.metric} → {@code /metric},
     * {@code forDuration} → {@code /for}, {@code condition.allOf[1].anyOf[0]} → {@code /condition/conditions/1/conditions/0}.
     */
    static String pointerOf(String validatorField) {
        return switch (validatorField) {
            case "selector", "selector.metric" -> "/metric";
            case "selector.scope" -> "/scope";
            case "forDuration" -> "/for";
            default -> "/" + validatorField
                    .replaceAll("\\.(allOf|anyOf)\\[(\\d+)]", "/conditions/$2")
                    .replace('.', '/');
        };
    }

    private static Condition condition(ConditionDto dto, String at, FieldErrors errors) {
        String type = dto.type() == null ? null : dto.type().trim().toLowerCase(Locale.ROOT);
        if (type == null || !TYPES.contains(type)) {
            errors.add(at + "/type", dto.type(), "must be one of " + TYPES);
            return null;
        }
        return switch (type) {
            case "threshold" -> {
                Operator op = operator(dto.op(), at + "/op", errors);
                if (dto.value() == null) {
                    errors.add(at + "/value", "a threshold needs a value");
                }
                yield op == null || dto.value() == null ? null : new Threshold(op, dto.value());
            }
            case "crossing" -> {
                Direction direction = null;
                String text = dto.direction() == null ? "" : dto.direction().trim().toLowerCase(Locale.ROOT);
                switch (text) {
                    case "up" -> direction = Direction.UP;
                    case "down" -> direction = Direction.DOWN;
                    default -> errors.add(at + "/direction", dto.direction(), "must be up or down");
                }
                if (dto.level() == null) {
                    errors.add(at + "/level", "a crossing needs a level");
                }
                yield direction == null || dto.level() == null ? null : new Crossing(direction, dto.level());
            }
            case "record" -> {
                if (dto.minDays() == null) {
                    errors.add(at + "/minDays", "a record condition needs minDays");
                    yield null;
                }
                if (flowDirection(dto.direction(), at, errors) == null) {
                    yield null;
                }
                if (dto.minDays() < 1) {
                    errors.add(at + "/minDays", dto.minDays(), "must be at least 1");
                    yield null;
                }
                yield new Condition.Record(dto.direction().trim().toLowerCase(Locale.ROOT), dto.minDays());
            }
            case "streak" -> {
                if (dto.days() == null) {
                    errors.add(at + "/days", "a streak condition needs days");
                    yield null;
                }
                if (flowDirection(dto.direction(), at, errors) == null) {
                    yield null;
                }
                if (dto.days() < 1) {
                    errors.add(at + "/days", dto.days(), "must be at least 1");
                    yield null;
                }
                yield new StreakReaches(dto.direction().trim().toLowerCase(Locale.ROOT), dto.days());
            }
            default -> { // all, any
                List<ConditionDto> children = dto.conditions() == null ? List.of() : dto.conditions();
                if (children.isEmpty()) {
                    errors.add(at + "/conditions", "can never fire: '" + type + "' needs at least one condition");
                    yield null;
                }
                List<Condition> mapped = new ArrayList<>();
                boolean complete = true;
                for (int i = 0; i < children.size(); i++) {
                    ConditionDto child = children.get(i);
                    Condition c = child == null ? null : condition(child, at + "/conditions/" + i, errors);
                    if (child == null) {
                        errors.add(at + "/conditions/" + i, "must be a condition");
                    }
                    complete &= c != null;
                    mapped.add(c);
                }
                yield !complete ? null : type.equals("all") ? new AllOf(mapped) : new AnyOf(mapped);
            }
        };
    }

    private static String flowDirection(String direction, String at, FieldErrors errors) {
        String text = direction == null ? "" : direction.trim().toLowerCase(Locale.ROOT);
        if (!text.equals("inflow") && !text.equals("outflow")) {
            errors.add(at + "/direction", direction, "must be inflow or outflow");
            return null;
        }
        return text;
    }

    private static Operator operator(String op, String at, FieldErrors errors) {
        String text = op == null ? "" : op.trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "gt", ">" -> Operator.GT;
            case "gte", ">=" -> Operator.GTE;
            case "lt", "<" -> Operator.LT;
            case "lte", "<=" -> Operator.LTE;
            default -> {
                errors.add(at, op, "must be one of gt, gte, lt, lte");
                yield null;
            }
        };
    }

    private static Duration duration(String text, String at, FieldErrors errors) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(at, text, e.getMessage());
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
