package io.flowwatch.alert.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.flowwatch.alert.domain.Notification.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationGrouperTest {

    private static final Instant T0 = Instant.parse("2026-01-29T21:00:00Z");

    private static Notification notification(String ruleId, String series, Instant at, String asset, String channel) {
        Map<String, String> labels = new HashMap<>(Map.of("rule", ruleId, "asset", asset));
        return new Notification(Notification.idFor(ruleId, series, 1, "firing"), ruleId, series, Kind.FIRING, 1, 0, at,
                "warning", labels, List.of(channel), null);
    }

    @Test
    void byDefaultNotificationsOfOneRuleWithinTheWaitFormOneGroup() {
        NotificationGrouper grouper = new NotificationGrouper(List.of(), Duration.ofSeconds(30));
        Notification a = notification("r1", "s1", T0, "BTC", "demo-webhook");
        Notification b = notification("r1", "s2", T0.plusSeconds(30), "ETH", "demo-email");
        Notification c = notification("r2", "s1", T0.plusSeconds(10), "BTC", "demo-webhook");

        List<GroupedNotification> groups = grouper.group(List.of(b, c, a));

        assertEquals(2, groups.size());
        assertEquals(Map.of("rule", "r1"), groups.get(0).groupKey());
        assertEquals(List.of(a, b), groups.get(0).notifications());
        assertEquals(Set.of("demo-webhook", "demo-email"), groups.get(0).channels());
        assertEquals(List.of(c), groups.get(1).notifications());
    }

    @Test
    void aNotificationAfterTheWaitStartsANewGroup() {
        NotificationGrouper grouper = new NotificationGrouper(List.of(), Duration.ofSeconds(30));
        Notification a = notification("r1", "s1", T0, "BTC", "demo-webhook");
        Notification late = notification("r1", "s2", T0.plusSeconds(31), "BTC", "demo-webhook");
        List<GroupedNotification> groups = grouper.group(List.of(a, late));
        assertEquals(2, groups.size());
        assertEquals(T0.plusSeconds(31), groups.get(1).startsAt());
    }

    @Test
    void groupByLabelsGathersDifferentRulesAboutTheSameAsset() {
        NotificationGrouper grouper = new NotificationGrouper(List.of("asset"), Duration.ofMinutes(1));
        Notification btc1 = notification("below-500m", "s1", T0, "BTC", "demo-webhook");
        Notification btc2 = notification("record-60d", "s1", T0, "BTC", "demo-webhook");
        Notification eth = notification("below-500m", "s2", T0, "ETH", "demo-webhook");
        List<GroupedNotification> groups = grouper.group(List.of(btc1, btc2, eth));
        assertEquals(2, groups.size());
        GroupedNotification btc = groups.stream().filter(g -> g.groupKey().get("asset").equals("BTC")).findFirst().orElseThrow();
        assertEquals(2, btc.notifications().size());
    }

    @Test
    void theGroupIdIsStableAndDependsOnTheMembers() {
        NotificationGrouper grouper = new NotificationGrouper(List.of(), Duration.ofSeconds(30));
        Notification a = notification("r1", "s1", T0, "BTC", "demo-webhook");
        Notification b = notification("r1", "s2", T0.plusSeconds(5), "BTC", "demo-webhook");
        assertEquals(grouper.group(List.of(a, b)).getFirst().id(), grouper.group(List.of(b, a)).getFirst().id());
        assertNotEquals(grouper.group(List.of(a, b)).getFirst().id(), grouper.group(List.of(a)).getFirst().id());
    }

    @Test
    void groupOfTakesTheMembersAsTheyAreWithTheIdGroupWouldGive() {
        NotificationGrouper grouper = new NotificationGrouper(List.of(), Duration.ofSeconds(30));
        Notification a = notification("r1", "s1", T0, "BTC", "demo-webhook");
        Notification b = notification("r1", "s2", T0.plusSeconds(5), "BTC", "demo-webhook");
        Notification late = notification("r1", "s3", T0.plusSeconds(300), "BTC", "demo-webhook");
        assertEquals(grouper.group(List.of(a, b)).getFirst().id(), grouper.groupOf(List.of(b, a)).id());
        GroupedNotification all = grouper.groupOf(List.of(late, b, a));
        assertEquals(List.of(a, b, late), all.notifications(), "oldest first, even beyond the wait");
        assertEquals(Map.of("rule", "r1"), all.groupKey());
        assertEquals(T0, all.startsAt());
    }
}
