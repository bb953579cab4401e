package io.flowwatch.alert.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The silences in force; asks whether a notification with given labels is muted at a given time. */
public record Silences(List<Silence> silences) {

    public Silences {
        silences = List.copyOf(silences);
    }

    public boolean isSilenced(Map<String, String> labels, Instant at) {
        return silencing(labels, at).isPresent();
    }

    /** The first silence that mutes the labels at that time, to show why a notification was not sent. */
    public Optional<Silence> silencing(Map<String, String> labels, Instant at) {
        return silences.stream().filter(s -> s.silences(labels, at)).findFirst();
    }
}
