package io.flowwatch.alert.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Notifications that fired together and share a group key, sent as one message.
 *
 * @param id stable: derived from the group key and the member notifications' ids
 * @param groupKey the values of the grouping labels shared by all members
 * @param startsAt the metric time of the first member; the group collected members for the group-wait after it
 * @param notifications the members, oldest first
 */
public record GroupedNotification(
        UUID id, Map<String, String> groupKey, Instant startsAt, List<Notification> notifications) {

    public GroupedNotification {
        groupKey = Map.copyOf(groupKey);
        notifications = List.copyOf(notifications);
    }

    /** Every channel any member is meant for, in order of first appearance. */
    public Set<String> channels() {
        Set<String> channels = new LinkedHashSet<>();
        notifications.forEach(n -> channels.addAll(n.channels()));
        return channels;
    }
}
