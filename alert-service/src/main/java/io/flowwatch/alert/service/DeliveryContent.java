package io.flowwatch.alert.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowwatch.alert.config.AlertConfig;
import io.flowwatch.alert.domain.GroupedNotification;
import io.flowwatch.alert.domain.Notification;
import io.flowwatch.alert.domain.NotificationGrouper;
import io.flowwatch.alert.repository.StoredNotification;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a delivery sends: the webhook body and id, the e-mail subject, text and HTML. One notification goes out as
 * itself (its id is the webhook id); several that were grouped go out as one message listing all of them, with the
 * group's id.
 */
@ApplicationScoped
public class DeliveryContent {

    private final ObjectMapper json;
    private final NotificationGrouper grouper;
    private final AlertConfig config;
    private final Template text;
    private final Template html;

    public DeliveryContent(ObjectMapper json, NotificationGrouper grouper, AlertConfig config,
            @Location("alert-mail.txt") Template text, @Location("alert-mail.html") Template html) {
        this.json = json;
        this.grouper = grouper;
        this.config = config;
        this.text = text;
        this.html = html;
    }

    /** The id receivers de-duplicate on: the notification's own, or the group's for several. */
    public UUID messageId(List<StoredNotification> members) {
        if (members.size() == 1) {
            return members.getFirst().id();
        }
        return group(members).id();
    }

    /** The webhook body (compact JSON). */
    public String webhookBody(List<StoredNotification> members) {
        Map<String, Object> body;
        if (members.size() == 1) {
            body = alert(members.getFirst());
        } else {
            GroupedNotification group = group(members);
            body = new LinkedHashMap<>();
            body.put("id", group.id().toString());
            body.put("type", "alert.group");
            body.put("groupKey", group.groupKey());
            body.put("at", group.startsAt().toString());
            body.put("message", members.size() + " alerts: " + members.stream()
                    .map(StoredNotification::message).collect(Collectors.joining("; ")));
            body.put("alerts", members.stream().map(DeliveryContent::alert).toList());
        }
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a webhook body", e);
        }
    }

    static Map<String, Object> alert(StoredNotification n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", n.id().toString());
        body.put("type", n.eventType());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", n.ruleId());
        rule.put("name", n.ruleName());
        rule.put("severity", n.severity());
        body.put("rule", rule);
        body.put("series", n.series());
        body.put("state", n.state());
        body.put("episode", n.episode());
        body.put("at", n.at().toString());
        body.put("message", n.message());
        body.put("value", n.value());
        body.put("metric", n.metric());
        body.put("scope", n.scope());
        body.put("date", n.date() == null ? null : n.date().toString());
        body.put("labels", n.labels());
        body.put("context", n.context());
        return body;
    }

    /** {@code <notification-id.channel@domain>}: stable, and distinct per channel. */
    public String emailMessageId(List<StoredNotification> members, String channelId) {
        return "<" + messageId(members) + "." + channelId + "@" + config.mail().messageIdDomain() + ">";
    }

    public String emailSubject(List<StoredNotification> members) {
        String prefix = config.mail().subjectPrefix();
        if (members.size() == 1) {
            StoredNotification n = members.getFirst();
            return prefix + " " + headline(n) + ": " + n.ruleName();
        }
        return prefix + " " + members.size() + " alerts: " + members.stream().map(StoredNotification::ruleName)
                .distinct().collect(Collectors.joining(", "));
    }

    public String emailText(List<StoredNotification> members) {
        return text.data("alerts", view(members)).data("subject", emailSubject(members)).render();
    }

    public String emailHtml(List<StoredNotification> members) {
        return html.data("alerts", view(members)).data("subject", emailSubject(members)).render();
    }

    private List<MailAlert> view(List<StoredNotification> members) {
        return members.stream().map(n -> new MailAlert(n.id().toString(), headline(n), n.message(), n.ruleId(),
                n.ruleName(), n.severity(), n.series(), n.at().toString(), labels(n.labels()), color(n))).toList();
    }

    private static String headline(StoredNotification n) {
        String state = switch (n.state()) {
            case "resolved" -> "RESOLVED";
            default -> n.kind().startsWith("repeat") ? "STILL FIRING" : "FIRING";
        };
        return state + " " + n.severity().toUpperCase(Locale.ROOT);
    }

    private static String color(StoredNotification n) {
        if (n.state().equals("resolved")) {
            return "#1a7f37";
        }
        return switch (n.severity()) {
            case "critical" -> "#cf222e";
            case "warning" -> "#bf8700";
            default -> "#0969da";
        };
    }

    private static String labels(Map<String, String> labels) {
        return labels.entrySet().stream()
                .filter(e -> !List.of("rule", "severity", "metric", "scope", "date").contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(", "));
    }

    private GroupedNotification group(List<StoredNotification> members) {
        return grouper.groupOf(members.stream().map(DeliveryContent::toDomain).toList());
    }

    private static Notification toDomain(StoredNotification n) {
        Notification.Kind kind = n.kind().startsWith("repeat") ? Notification.Kind.REPEAT
                : Notification.Kind.valueOf(n.kind().toUpperCase(Locale.ROOT));
        int repeat = kind == Notification.Kind.REPEAT ? Integer.parseInt(n.kind().substring("repeat-".length())) : 0;
        return new Notification(n.id(), n.ruleId(), n.series(), kind, n.episode(), repeat, n.at(), n.severity(),
                n.labels(), n.channels(), null);
    }

    /** One alert of an e-mail, for the templates. */
    @TemplateData
    public record MailAlert(String id, String headline, String message, String ruleId, String ruleName,
            String severity, String series, String at, String labels, String color) {}
}
