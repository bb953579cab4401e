package io.flowwatch.alert.service;

import io.flowwatch.alert.domain.DefaultMessages;
import io.flowwatch.alert.domain.NewsFormat;
import io.flowwatch.alert.domain.Rule;
import io.flowwatch.events.MetricUpdate;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The text of an alert: the rule's Qute template, or {@link DefaultMessages} when it has none. A template sees
 * {@code value}, {@code usd} / {@code absUsd} / {@code percent} (the value in news form), {@code context} (the
 * update's context map, e.g. {@code {context.recordSince}}), {@code metric}, {@code scope}, {@code date}, {@code at},
 * {@code rule} ({@code id}, {@code name}, {@code severity}), {@code labels}, {@code defaultMessage} and
 * {@code fmt} with {@code fmt.usd(x)}, {@code fmt.percent(x)}, {@code fmt.price(x)} for any number or numeric text.
 * A template that fails to render (e.g. names a context key this update lacks) falls back to the default text.
 */
@ApplicationScoped
public class MessageRenderer {

    private static final java.util.regex.Pattern SECTIONS_THAT_REACH_OUT =
            java.util.regex.Pattern.compile("\\{#\\s*(include|insert|eval)\\b");

    private static final Logger LOG = Logger.getLogger(MessageRenderer.class);
    private static final Fmt FMT = new Fmt();

    private final Engine engine;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    public MessageRenderer(Engine engine) {
        this.engine = engine;
    }

    public String render(Rule rule, MetricUpdate update) {
        String fallback = DefaultMessages.render(rule, update);
        if (rule.messageTemplate() == null) {
            return fallback;
        }
        try {
            return template(rule.messageTemplate()).data(data(rule, update, fallback)).render().strip();
        } catch (RuntimeException e) {
            LOG.warnf("template of rule %s failed on %s, the default text is used: %s", rule.id(), update.subject(),
                    e.getMessage());
            return fallback;
        }
    }

    /** Why a template cannot be used, or empty if it parses. */
    public Optional<String> problemWith(String template) {
        if (template == null || template.isBlank()) {
            return Optional.empty();
        }
        if (SECTIONS_THAT_REACH_OUT.matcher(template).find()) {
            // a rule's message is its own text: it may not pull in other templates (nor paths like ../../etc/passwd)
            return Optional.of("a rule's template may not use {#include}, {#insert} or {#eval}");
        }
        try {
            engine.parse(template);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("not a valid Qute template: " + e.getMessage());
        }
    }

    private Template template(String text) {
        if (templates.size() > 10_000) {
            templates.clear();
        }
        return templates.computeIfAbsent(text, engine::parse);
    }

    private static Map<String, Object> data(Rule rule, MetricUpdate update, String fallback) {
        Map<String, Object> data = new HashMap<>();
        BigDecimal value = update.value();
        data.put("value", value);
        data.put("usd", value == null ? "" : NewsFormat.usdCompact(value));
        data.put("absUsd", value == null ? "" : NewsFormat.usdCompact(value.abs()));
        data.put("percent", value == null ? "" : NewsFormat.percent(value));
        data.put("context", update.context());
        data.put("metric", update.metric());
        data.put("scope", update.scope());
        data.put("date", update.date() == null ? "" : update.date().toString());
        data.put("at", update.at().toString());
        Map<String, String> ruleData = new LinkedHashMap<>();
        ruleData.put("id", rule.id());
        ruleData.put("name", rule.name());
        ruleData.put("severity", rule.severity());
        data.put("rule", ruleData);
        data.put("labels", rule.labels());
        data.put("defaultMessage", fallback);
        data.put("fmt", FMT);
        return data;
    }

    /** Money and percentages in news form, for numbers and numeric text alike. */
    @TemplateData
    public static final class Fmt {

        /** {@code $817.9M}, {@code −$978.0M}. */
        public String usd(Object amount) {
            BigDecimal d = decimal(amount);
            return d == null ? String.valueOf(amount) : NewsFormat.usdCompact(d);
        }

        /** {@code −6.00 %}. */
        public String percent(Object amount) {
            BigDecimal d = decimal(amount);
            return d == null ? String.valueOf(amount) : NewsFormat.percent(d);
        }

        /** {@code $2,650.30}. */
        public String price(Object amount) {
            BigDecimal d = decimal(amount);
            return d == null ? String.valueOf(amount) : NewsFormat.usdPrice(d);
        }

        /** The absolute value, e.g. {@code fmt.usd(fmt.abs(value))}. */
        public BigDecimal abs(Object amount) {
            BigDecimal d = decimal(amount);
            return d == null ? null : d.abs();
        }

        private static BigDecimal decimal(Object amount) {
            if (amount instanceof BigDecimal d) {
                return d;
            }
            if (amount instanceof Number n) {
                return new BigDecimal(n.toString());
            }
            try {
                return amount == null ? null : new BigDecimal(amount.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
