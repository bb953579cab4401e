package io.flowwatch.events;

/**
 * The payload of an {@link Event}: one of the contract's event kinds. Each kind knows its CloudEvents
 * {@code type}, its {@code subject} and its RabbitMQ routing key, so that producers never spell them.
 */
public sealed interface EventData permits FundFlow, Holdings, Quote, Liquidation, MetricUpdate, AlertTransition {

    EventType eventType();

    /** The CloudEvents {@code subject}: the product, scope or instrument the event is about. */
    String subject();

    /** {@code <kind>.<asset-or-instrument>.<subject>}, lower case, as bound in {@link Topology}. */
    String routingKey();
}
