package io.flowwatch.alert.domain;

import io.flowwatch.events.MetricUpdate;

/**
 * Which metric updates a rule looks at: one metric (a {@link io.flowwatch.events.MetricName} wire name such as
 * {@code flow.daily}) and one scope, matched exactly (e.g. {@code us-spot-etf:BTC} or {@code TOTAL@24h}).
 */
public record MetricSelector(String metric, String scope) {

    public boolean matches(MetricUpdate update) {
        return update.metric().equals(metric) && update.scope().equals(scope);
    }
}
