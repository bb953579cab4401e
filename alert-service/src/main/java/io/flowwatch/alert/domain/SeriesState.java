package io.flowwatch.alert.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the alert service remembers about one rule on one series between updates. All times are metric times.
 *
 * @param series the series key, see {@link AlertEvaluator#seriesKey}
 * @param activeSince when the condition started to hold in the current episode; null if it never did
 * @param firingSince when the current episode started firing; null if it has not
 * @param lastNotifiedAt when the last notification (firing, repeat or resolved) was emitted
 * @param episode how many times the condition started to hold on this series (1 for the first episode)
 * @param repeatsSent repeat notifications sent in the current episode
 * @param lastValue the value of the last evaluated update (a daily series compares it to spot revisions)
 * @param lastSeenAt the {@code at} of the last evaluated update (a continuous series ignores older ones)
 * @param keepFiringSince while firing: when the condition stopped holding (the rule's {@code keepFiringFor} runs
 *     from here); null while the condition holds or when not firing
 * @param lastInputs a daily series: a fingerprint of the last evaluated update's value and context (see
 *     {@link AlertEvaluator#inputsFingerprint}), which must change for the day to be evaluated again; null for a
 *     continuous series, which goes by {@code lastSeenAt}
 */
public record SeriesState(
        String series,
        AlertState state,
        Instant activeSince,
        Instant firingSince,
        Instant lastNotifiedAt,
        int episode,
        int repeatsSent,
        BigDecimal lastValue,
        Instant lastSeenAt,
        Instant keepFiringSince,
        String lastInputs) {

    /** A series the rule has never evaluated. */
    public static SeriesState unseen(String series) {
        return new SeriesState(series, AlertState.INACTIVE, null, null, null, 0, 0, null, null, null, null);
    }
}
