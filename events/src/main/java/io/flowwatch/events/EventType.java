package io.flowwatch.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every event type of the contract: its CloudEvents {@code type}, routing-key prefix and payload class. */
public enum EventType {
    FUND_FLOW("flowwatch.fund-flow.v1", "flow", FundFlow.class),
    HOLDINGS("flowwatch.holdings.v1", "holdings", Holdings.class),
    QUOTE("flowwatch.quote.v1", "quote", Quote.class),
    LIQUIDATION("flowwatch.liquidation.v1", "liquidation", Liquidation.class),
    METRIC("flowwatch.metric.v1", "metric", MetricUpdate.class),
    ALERT("flowwatch.alert.v1", "alert", AlertTransition.class);

    private final String type;
    private final String routingPrefix;
    private final Class<? extends EventData> dataClass;

    EventType(String type, String routingPrefix, Class<? extends EventData> dataClass) {
        this.type = type;
        this.routingPrefix = routingPrefix;
        this.dataClass = dataClass;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code flowwatch.fund-flow.v1}. */
    public String type() {
        return type;
    }

    /** The first word of the routing key, e.g. {@code flow}. */
    public String routingPrefix() {
        return routingPrefix;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** The file name of this type's JSON Schema under {@code /io/flowwatch/events/schemas/}. */
    public String schemaResource() {
        return "/io/flowwatch/events/schemas/" + type + ".schema.json";
    }

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, t -> t));

    /** The type that this {@code type} attribute names (a lookup: every message asks). */
    public static Optional<EventType> fromType(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(BY_TYPE.get(type));
    }
}
