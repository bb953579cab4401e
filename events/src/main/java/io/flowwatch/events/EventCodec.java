package io.flowwatch.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/**
 * The one JSON form of the contract: ISO-8601 dates and instants, money as exact decimals (never through
 * {@code double}), unknown fields ignored so that additive changes do not break older consumers.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventCodec() {}

    /** Applies the contract's settings to a mapper (services call this on Quarkus's own mapper). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.findAndRegisterModules();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // One document per body, each key once: what a reader takes from {"role":"reader","role":"admin"} or from
        // trailing text would otherwise be whatever the last or first one happened to say.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("flowwatch-limits")
                .addDeserializer(BigDecimal.class, new BoundedDecimalDeserializer())
                .addDeserializer(String.class, new NoNulStringDeserializer()));
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        // Deeply nested or huge documents are refused while parsing, before they cost memory.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(64)
                .maxStringLength(1_000_000)
                .build());
        return mapper;
    }

    /**
     * Decimals as Jackson reads them, but refused when their exponent is absurd: {@code 1e999999999} is eleven
     * characters, yet writing it out (or rounding it to an integer) takes a billion digits of memory and time.
     */
    static final class BoundedDecimalDeserializer extends StdScalarDeserializer<BigDecimal> {

        BoundedDecimalDeserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            BigDecimal value = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(parser, context);
            if (value != null && !Money.isWithinBounds(value)) {
                return (BigDecimal) context.handleWeirdNumberValue(BigDecimal.class, value,
                        "out of range: more than " + Money.MAX_DIGITS + " digits before or after the decimal point");
            }
            return value;
        }
    }

    /** Text as Jackson reads it, without U+0000: PostgreSQL cannot store it, and no name or comment needs it. */
    static final class NoNulStringDeserializer extends StdScalarDeserializer<String> {

        NoNulStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                return (String) context.handleWeirdStringValue(String.class, value.replace('\0', '?'),
                        "contains a NUL character (U+0000), which no text field may hold");
            }
            return value;
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Event<?> event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }

    public static String encodeToString(Event<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }

    public static Event<?> decode(byte[] json) {
        try {
            return decode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new EventFormatException("", "not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventFormatException("", "not readable: " + e.getMessage(), e);
        }
    }

    public static Event<?> decode(String json) {
        try {
            return decode(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new EventFormatException("", "not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an envelope whose {@code data} is the payload class that its {@code type} names. */
    public static Event<?> decode(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new EventFormatException("", "an event must be a JSON object");
        }
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new EventFormatException("/type", "type is required, one of " + knownTypes());
        }
        EventType type = EventType.fromType(typeNode.asText())
                .orElseThrow(() -> new EventFormatException(
                        "/type", "unknown type '" + typeNode.asText() + "', expected one of " + knownTypes()));
        JsonNode dataNode = tree.get("data");
        if (dataNode == null || !dataNode.isObject()) {
            throw new EventFormatException("/data", "data is required and must be an object");
        }
        EventData data = readPart(dataNode, type.dataClass(), "/data");
        ObjectNode envelope = ((ObjectNode) tree).deepCopy();
        envelope.remove("data");
        Envelope attributes = readPart(envelope, Envelope.class, "");
        try {
            return new Event<>(attributes.specversion(), attributes.id(), attributes.type(), attributes.source(),
                    attributes.time(), attributes.subject(), attributes.datacontenttype(), data);
        } catch (NullPointerException e) {
            throw new EventFormatException("/" + e.getMessage(), e.getMessage() + " is required", e);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("", e.getMessage(), e);
        }
    }

    private static String knownTypes() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.joining(", "));
    }

    private static <T> T readPart(JsonNode node, Class<T> type, String prefix) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String pointer = prefix + e.getPath().stream()
                    .map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex()))
                    .collect(Collectors.joining());
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root instanceof NullPointerException npe
                    ? npe.getMessage() + " is required"
                    : root.getMessage() != null ? root.getMessage().lines().findFirst().orElse("") : e.getOriginalMessage();
            if (root instanceof NullPointerException npe && pointer.equals(prefix)) {
                pointer = prefix + "/" + npe.getMessage();
            }
            throw new EventFormatException(pointer, reason, e);
        } catch (JsonProcessingException e) {
            throw new EventFormatException(prefix, e.getOriginalMessage(), e);
        }
    }

    /** The envelope's attributes, read apart from {@code data}. */
    private record Envelope(
            String specversion,
            java.util.UUID id,
            String type,
            String source,
            java.time.Instant time,
            String subject,
            String datacontenttype) {}
}
