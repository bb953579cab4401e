package io.flowwatch.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The contract's sample messages, one per event type. Producer and consumer tests read these same files,
 * so the two sides cannot drift apart.
 */
public final class ContractSamples {

    private ContractSamples() {}

    /** The sample of a type, by its file name: {@code fund-flow}, {@code holdings}, {@code quote}, … */
    public static String json(String name) {
        return resource("/io/flowwatch/events/samples/" + name + ".json");
    }

    public static String sampleName(EventType type) {
        return type.routingPrefix().equals("flow") ? "fund-flow" : type.routingPrefix();
    }

    public static String schema(EventType type) {
        return resource(type.schemaResource());
    }

    private static String resource(String path) {
        try (InputStream in = ContractSamples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
