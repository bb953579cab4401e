package io.flowwatch.alert.domain;

import java.util.Locale;

/** Where one rule stands on one series: inactive → pending → firing → resolved (and round again). */
public enum AlertState {
    /** Never seen the condition hold, or it stopped holding before the for-duration passed. */
    INACTIVE,
    /** The condition holds but not yet for the rule's for-duration. */
    PENDING,
    /** The condition holds (long enough); notified once per episode. */
    FIRING,
    /** The condition held and stopped holding; the next true update starts a new episode. */
    RESOLVED;

    /** The lower-case name used on the wire ({@code firing}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
