package io.flowwatch.alert.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Groups notifications that fire together, like Alertmanager's {@code group_by} and {@code group_wait}: those
 * with the same values of the {@code groupBy} labels (by default the {@code rule} label, i.e. the rule id) whose
 * metric times lie within {@code groupWait} of a group's first member go out as one {@link GroupedNotification}.
 * Metric time keeps the grouping of a replay identical to the original.
 */
public final class NotificationGrouper {

    /** The default grouping: one group per rule. */
    public static final List<String> BY_RULE = List.of("rule");

    private final List<String> groupBy;
    private final Duration groupWait;

    /** @param groupBy label names; empty means {@link #BY_RULE} */
    public NotificationGrouper(List<String> groupBy, Duration groupWait) {
        this.groupBy = groupBy == null || groupBy.isEmpty() ? BY_RULE : List.copyOf(groupBy);
        if (groupWait == null || groupWait.isNegative()) {
            throw new IllegalArgumentException("groupWait must be zero or positive");
        }
        this.groupWait = groupWait;
    }

    /** The group key of a notification: the grouping labels and their values ("" when a label is missing). */
    public Map<String, String> groupKey(Notification notification) {
        Map<String, String> key = new TreeMap<>();
        groupBy.forEach(label -> key.put(label, notification.labels().getOrDefault(label, "")));
        return key;
    }

    /**
     * The groups, ordered by their first member's time. A notification joins the open group of its key when it
     * is at most {@code groupWait} after that group's first member, and otherwise opens a new group.
     */
    public List<GroupedNotification> group(List<Notification> notifications) {
        List<Notification> ordered = notifications.stream()
                .sorted(Comparator.comparing(Notification::at).thenComparing(Notification::id))
                .toList();
        List<List<Notification>> groups = new ArrayList<>();
        Map<Map<String, String>, List<Notification>> openGroups = new LinkedHashMap<>();
        for (Notification n : ordered) {
            Map<String, String> key = groupKey(n);
            List<Notification> open = openGroups.get(key);
            if (open == null || n.at().isAfter(open.getFirst().at().plus(groupWait))) {
                open = new ArrayList<>();
                groups.add(open);
                openGroups.put(key, open);
            }
            open.add(n);
        }
        return groups.stream().map(members -> toGroup(groupKey(members.getFirst()), members)).toList();
    }

    /**
     * The members as one group, whatever their times: for a sender that has already decided which notifications go
     * out together (e.g. those that arrived within a group wait of wall-clock time). The id is the one
     * {@link #group} gives the same members; the group key is the first member's.
     */
    public GroupedNotification groupOf(List<Notification> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one notification");
        }
        List<Notification> ordered = members.stream()
                .sorted(Comparator.comparing(Notification::at).thenComparing(Notification::id))
                .toList();
        return toGroup(groupKey(ordered.getFirst()), ordered);
    }

    private static GroupedNotification toGroup(Map<String, String> key, List<Notification> members) {
        StringBuilder name = new StringBuilder("flowwatch-group|").append(key);
        members.stream().map(n -> n.id().toString()).sorted().forEach(id -> name.append('|').append(id));
        UUID id = UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
        Instant startsAt = members.getFirst().at();
        return new GroupedNotification(id, key, startsAt, members);
    }
}
