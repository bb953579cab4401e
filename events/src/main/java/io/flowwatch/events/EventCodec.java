package io.flowwatch.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
                .addDeserializer(String.class, new NoNulStringDeserializer())
                .addDeserializer(Instant.class, new UtcInstantDeserializer()));
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

    /**
     * Instants as Jackson reads them, with the form every producer here writes ({@code 2026-01-29T20:00:05Z}, with or
     * without a fraction of a second) read directly: Jackson's {@code DateTimeFormatter} path costs ~1.6 KB and ~2 µs
     * per value, and every event carries two instants. Any other form (offsets, leap seconds, numbers, blanks) and
     * every error goes to Jackson's own deserializer, so what is accepted and how it is refused does not change.
     */
    static final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

        UtcInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parseUtc(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }

        /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with a real date and time, or {@code null} for any other text. */
        static Instant parseUtc(String text) {
            int length = text.length();
            if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                    || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
                return null;
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                    || second > 59) {
                return null;
            }
            int nanos = 0;
            if (length > 20) {
                int fraction = length - 21;
                if (text.charAt(19) != '.' || fraction < 1) {
                    return null;
                }
                nanos = digits(text, 20, fraction);
                if (nanos < 0) {
                    return null;
                }
                for (int i = fraction; i < 9; i++) {
                    nanos *= 10;
                }
            }
            LocalDate date;
            try {
                date = LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                return null;
            }
            return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        }

        /** The number that {@code count} ASCII digits from {@code start} spell, or -1 if any is not one. */
        private static int digits(String text, int start, int count) {
            int value = 0;
            for (int i = start; i < start + count; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
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
            Instant time,
            String subject,
            String datacontenttype) {}
}
