package io.flowwatch.alert.domain;

/**
 * One thing wrong with a rule, for an API error response.
 *
 * @param field the path of the offending field, e.g. {@code selector.scope} or {@code condition.allOf[1]}
 * @param reason what is wrong, in words
 */
public record RuleProblem(String field, String reason) {}
