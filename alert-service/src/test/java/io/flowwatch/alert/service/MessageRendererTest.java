package io.flowwatch.alert.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flowwatch.alert.domain.Condition;
import io.flowwatch.alert.domain.DefaultMessages;
import io.flowwatch.alert.domain.MetricSelector;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.alert.support.SeedWeekAlerts;
import io.flowwatch.alert.support.ServersResource;
import io.flowwatch.events.MetricUpdate;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = ServersResource.class, scope = TestResourceScope.GLOBAL)
class MessageRendererTest {

    private static final MetricUpdate RECORD_DAY = new MetricUpdate("flow.daily", "us-spot-etf:BTC",
            LocalDate.parse("2026-01-29"), Instant.parse("2026-01-29T21:00:00Z"), new BigDecimal("-817900000"),
            Map.of("label", "US spot Bitcoin ETFs", "direction", "outflow", "recordSince", "2025-11-20",
                    "recordDaysSince", "70", "weekToDate", "-978000000"));

    @Inject
    MessageRenderer renderer;

    private static Rule rule(String template) {
        return new Rule("record", "record", new MetricSelector("flow.daily", "us-spot-etf:BTC"),
                new Condition.Record("outflow", 60), null, null, "warning", Map.of("asset", "BTC"), List.of(), null,
                false, template);
    }

    @Test
    void aQuteTemplateSeesTheValueTheContextAndTheMoneyHelpers() {
        String template = "{context.label}: net {context.direction} of {absUsd} on {date}, the largest daily "
                + "{context.direction} since {context.recordSince}; week to date {fmt.usd(context.weekToDate)}";
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, renderer.render(rule(template), RECORD_DAY));
    }

    @Test
    void moreHelpers() {
        assertEquals("−$817.9M | −817900000.00 % | warning BTC | 70",
                renderer.render(rule("{usd} | {fmt.percent(value)} | {rule.severity} {labels.asset} | {context.recordDaysSince}"),
                        RECORD_DAY));
    }

    @Test
    void withoutATemplateTheDefaultWordingIsUsed() {
        Rule rule = rule(null);
        assertEquals(DefaultMessages.render(rule, RECORD_DAY), renderer.render(rule, RECORD_DAY));
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, renderer.render(rule, RECORD_DAY));
    }

    @Test
    void aTemplateThatFailsOnThisUpdateFallsBackToTheDefault() {
        assertEquals(SeedWeekAlerts.RECORD_MESSAGE, renderer.render(rule("{context.noSuchKey.foo}"), RECORD_DAY));
    }

    @Test
    void aTemplateThatDoesNotParseIsReported() {
        assertTrue(renderer.problemWith("{#if value}unclosed").isPresent());
        assertTrue(renderer.problemWith("{value} fine").isEmpty());
    }
}
