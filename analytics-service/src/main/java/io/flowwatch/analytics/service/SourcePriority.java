package io.flowwatch.analytics.service;

import io.flowwatch.analytics.config.AnalyticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

/**
 * Which source's figure holds when several report the same product (or holdings scope) and date: the configured
 * order ({@code flowwatch.analytics.source-priority}, default {@code farside,sosovalue,coinshares}), then any other
 * source alphabetically.
 */
@ApplicationScoped
public class SourcePriority implements Comparator<String> {

    private final List<String> order;

    @Inject
    public SourcePriority(AnalyticsConfig config) {
        this(config.sourcePriority());
    }

    SourcePriority(List<String> order) {
        this.order = List.copyOf(order);
    }

    public static SourcePriority of(List<String> order) {
        return new SourcePriority(order);
    }

    /** Negative when {@code a} wins over {@code b}. */
    @Override
    public int compare(String a, String b) {
        int byRank = Integer.compare(rank(a), rank(b));
        return byRank != 0 ? byRank : a.compareTo(b);
    }

    private int rank(String source) {
        int index = order.indexOf(source);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    public List<String> order() {
        return order;
    }
}
