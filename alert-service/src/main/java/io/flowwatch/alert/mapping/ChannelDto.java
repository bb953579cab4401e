package io.flowwatch.alert.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A notification channel: {@code {"id":"demo-webhook","type":"webhook","url":"https://…","secret":"whsec_…"}} or
 * {@code {"id":"demo-email","type":"email","to":["desk@example.com"]}}. The secret is generated when absent and shown
 * only in the answer that created (or replaced) it, never in listings.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "type", "url", "secret", "to"})
public record ChannelDto(String id, String type, String url, String secret, List<String> to) {

    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";

    public ChannelDto withId(String newId) {
        return new ChannelDto(newId, type, url, secret, to);
    }

    public ChannelDto withoutSecret() {
        return new ChannelDto(id, type, url, null, to);
    }
}
