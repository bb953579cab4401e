package io.flowwatch.alert.mapping;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A rule as the API, the YAML export and the database show it.
 *
 * @param forDuration JSON {@code for}: an ISO-8601 duration ({@code PT0S}, {@code PT10M}); null fires at once
 * @param keepFiringFor an ISO-8601 duration; null resolves as soon as the condition fails
 * @param repeatInterval an ISO-8601 duration; null never repeats
 * @param template a Qute template for the message; null uses the built-in wording
 */
@JsonPropertyOrder({"id", "name", "metric", "scope", "condition", "for", "keepFiringFor", "severity", "labels",
        "channels", "repeatInterval", "notifyResolved", "template"})
public record RuleDto(
        String id,
        String name,
        String metric,
        String scope,
        ConditionDto condition,
        @JsonProperty("for") String forDuration,
        String keepFiringFor,
        String severity,
        Map<String, String> labels,
        List<String> channels,
        String repeatInterval,
        Boolean notifyResolved,
        String template) {

    /** The same rule under another id (a PUT names the id in its path). */
    public RuleDto withId(String newId) {
        return new RuleDto(newId, name, metric, scope, condition, forDuration, keepFiringFor, severity, labels, channels,
                repeatInterval, notifyResolved, template);
    }
}
