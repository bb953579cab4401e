package io.flowwatch.alert.messaging;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** The raw bytes of a message payload, whatever the connector converted it to. */
final class Payloads {

    private Payloads() {}

    static byte[] bytes(Object payload) {
        return switch (payload) {
            case null -> new byte[0];
            case byte[] bytes -> bytes;
            case Buffer buffer -> buffer.getBytes();
            case io.vertx.mutiny.core.buffer.Buffer buffer -> buffer.getBytes();
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case JsonObject object -> object.encode().getBytes(StandardCharsets.UTF_8);
            case JsonArray array -> array.encode().getBytes(StandardCharsets.UTF_8);
            default -> String.valueOf(payload).getBytes(StandardCharsets.UTF_8);
        };
    }
}
