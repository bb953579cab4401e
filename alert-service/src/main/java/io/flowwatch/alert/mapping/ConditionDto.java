package io.flowwatch.alert.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.util.List;

/**
 * A condition as the API writes it, one shape for every kind, told apart by {@code type}:
 * {@code {"type":"threshold","op":"lt","value":-500000000}}, {@code {"type":"crossing","direction":"down","level":0}},
 * {@code {"type":"record","direction":"outflow","minDays":60}}, {@code {"type":"streak","direction":"outflow","days":3}},
 * {@code {"type":"all"|"any","conditions":[…]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "op", "value", "direction", "level", "minDays", "days", "conditions"})
public record ConditionDto(
        String type,
        String op,
        BigDecimal value,
        String direction,
        BigDecimal level,
        Integer minDays,
        Integer days,
        List<ConditionDto> conditions) {

    public static ConditionDto threshold(String op, BigDecimal value) {
        return new ConditionDto("threshold", op, value, null, null, null, null, null);
    }

    public static ConditionDto crossing(String direction, BigDecimal level) {
        return new ConditionDto("crossing", null, null, direction, level, null, null, null);
    }

    public static ConditionDto record(String direction, int minDays) {
        return new ConditionDto("record", null, null, direction, null, minDays, null, null);
    }

    public static ConditionDto streak(String direction, int days) {
        return new ConditionDto("streak", null, null, direction, null, null, days, null);
    }

    public static ConditionDto all(List<ConditionDto> conditions) {
        return new ConditionDto("all", null, null, null, null, null, null, conditions);
    }

    public static ConditionDto any(List<ConditionDto> conditions) {
        return new ConditionDto("any", null, null, null, null, null, null, conditions);
    }
}
