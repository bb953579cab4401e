package io.flowwatch.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
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
        try (JsonParser parser = MAPPER.createParser(json)) {
            return readWhole(parser);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    public static Event<?> decode(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            return readWhole(parser);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Reads an envelope whose {@code data} is the payload class that its {@code type} names. */
    public static Event<?> decode(JsonNode tree) {
        if (tree == null) {
            throw new EventFormatException("", "an event must be a JSON object");
        }
        try (JsonParser parser = MAPPER.treeAsTokens(tree)) {
            return readWhole(parser);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Why a whole message is refused when it cannot even be read as JSON. */
    static EventFormatException unreadable(IOException e) {
        return e instanceof JsonProcessingException json
                ? new EventFormatException("", "not JSON: " + json.getOriginalMessage(), e)
                : new EventFormatException("", "not readable: " + e.getMessage(), e);
    }

    private static Event<?> readWhole(JsonParser parser) throws IOException {
        parser.nextToken();
        Event<?> event = read(parser);
        if (parser.nextToken() != null) {
            throw new EventFormatException("", "not JSON: text after the event");
        }
        return event;
    }

    /**
     * Reads the event whose first token the parser is on, in one pass (no tree, no copy), and leaves the parser on
     * the event's last token. An event that is not valid is thrown as {@link EventFormatException} with the parser
     * still past it, so that the elements after it in a batch can be read; text that is not JSON (or breaks the
     * parser's limits) is thrown as the parser's own {@link IOException}, since nothing after it can be trusted.
     *
     * <p>When several things are wrong, the one reported is, in order: not an object, the type, the data's presence,
     * the data's content, the first bad envelope attribute, what the {@link Event} itself refuses.
     */
    static Event<?> read(JsonParser parser) throws IOException {
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            parser.skipChildren();
            throw new EventFormatException("", "an event must be a JSON object");
        }
        return new EventReader(parser).read();
    }

    private static String knownTypes() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.joining(", "));
    }

    /** The error that a mapping exception stands for, its pointer below {@code prefix}. */
    private static EventFormatException mappingError(JsonMappingException e, String prefix) {
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
        return new EventFormatException(pointer, reason, e);
    }

    /**
     * The parser's own failure (bad syntax, a key given twice, a limit passed) when Jackson wrapped it in a mapping
     * exception while binding a value; {@code null} when the value itself was at fault.
     */
    private static IOException unreadableCause(JsonMappingException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException || cause instanceof StreamConstraintsException) {
                return (IOException) cause;
            }
        }
        return null;
    }

    /** The UUID in its canonical 36-character form (hex digits in either case), or {@code null} for any other text. */
    static UUID canonicalUuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean valid = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!valid) {
                return null;
            }
        }
        return UUID.fromString(text);
    }

    // Readers of one value inside a larger document: the text after it is the rest of the event, not trailing junk.
    private static final ObjectReader TEXT = MAPPER.readerFor(String.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectReader UUIDS = TEXT.forType(UUID.class);
    private static final ObjectReader INSTANTS = TEXT.forType(Instant.class);
    private static final ObjectReader TREES = TEXT.forType(JsonNode.class);
    private static final Map<EventType, ObjectReader> DATA = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            DATA.put(type, TEXT.forType(type.dataClass()));
        }
    }

    /** One event's fields as they come; each attribute read by the same deserializer a whole-object read would use. */
    private static final class EventReader {

        private final JsonParser parser;
        /** The event object's own context: where the parser is when it is between the event's fields. */
        private final JsonStreamContext eventContext;
        private String specversion;
        private UUID id;
        private String source;
        private Instant time;
        private String subject;
        private String datacontenttype;
        private boolean typeSeen;
        private String typeText;
        private EventType type;
        /** Whether a {@code data} field came and was an object (false too when it did not come). */
        private boolean dataIsObject;
        private EventData data;
        /** The data when it came before the type, kept as a tree until the type says what it is. */
        private JsonNode dataBeforeType;
        private EventFormatException dataError;
        private EventFormatException attributeError;

        EventReader(JsonParser parser) {
            this.parser = parser;
            this.eventContext = parser.getParsingContext();
        }

        Event<?> read() throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "type" -> readType();
                    case "data" -> readData();
                    case "specversion" -> specversion = text(name);
                    case "id" -> id = uuid(name);
                    case "source" -> source = text(name);
                    case "time" -> time = instant(name);
                    case "subject" -> subject = text(name);
                    case "datacontenttype" -> datacontenttype = text(name);
                    default -> parser.skipChildren();
                }
            }
            return event();
        }

        private void readType() throws IOException {
            typeSeen = true;
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                typeText = parser.getText();
                type = EventType.fromType(typeText).orElse(null);
            } else {
                parser.skipChildren();
            }
        }

        private void readData() throws IOException {
            dataIsObject = parser.hasToken(JsonToken.START_OBJECT);
            if (!dataIsObject || (typeSeen && type == null)) {
                parser.skipChildren();
            } else if (type == null) {
                dataBeforeType = TREES.readTree(parser);
            } else {
                data = bindData(parser, type);
            }
        }

        private EventData bindData(JsonParser source, EventType dataType) throws IOException {
            try {
                return DATA.get(dataType).readValue(source);
            } catch (JsonMappingException e) {
                throwIfUnreadable(e);
                dataError = mappingError(e, "/data");
                if (source == parser) {
                    skipToEventLevel();
                }
                return null;
            }
        }

        // The attributes' usual forms are read directly, the rest (and every error) by Jackson's deserializers: a
        // deserialization context per value would be most of what reading an envelope allocates.

        private String text(String name) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String value = parser.getText();
                if (value.indexOf('\0') < 0) {
                    return value;
                }
            }
            return attribute(TEXT, name);
        }

        private UUID uuid(String name) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                UUID value = canonicalUuid(parser.getText());
                if (value != null) {
                    return value;
                }
            }
            return attribute(UUIDS, name);
        }

        private Instant instant(String name) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant value = UtcInstantDeserializer.parseUtc(parser.getText());
                if (value != null) {
                    return value;
                }
            }
            return attribute(INSTANTS, name);
        }

        private <T> T attribute(ObjectReader reader, String name) throws IOException {
            try {
                return reader.readValue(parser);
            } catch (JsonMappingException e) {
                throwIfUnreadable(e);
                if (attributeError == null) {
                    attributeError = mappingError(e, "/" + name);
                }
                skipToEventLevel();
                return null;
            }
        }

        private static void throwIfUnreadable(JsonMappingException e) throws IOException {
            IOException unreadable = unreadableCause(e);
            if (unreadable != null) {
                throw unreadable;
            }
        }

        /** After a value that failed half-way: on to its last token, so that the next field can be read. */
        private void skipToEventLevel() throws IOException {
            while (parser.getParsingContext() != eventContext) {
                if (parser.nextToken() == null) {
                    throw new JsonEOFException(parser, null, "end of input inside an event");
                }
            }
        }

        private Event<?> event() throws IOException {
            if (!typeSeen || typeText == null) {
                throw new EventFormatException("/type", "type is required, one of " + knownTypes());
            }
            if (type == null) {
                throw new EventFormatException(
                        "/type", "unknown type '" + typeText + "', expected one of " + knownTypes());
            }
            if (!dataIsObject) {
                throw new EventFormatException("/data", "data is required and must be an object");
            }
            if (dataBeforeType != null) {
                try (JsonParser buffered = MAPPER.treeAsTokens(dataBeforeType)) {
                    buffered.nextToken();
                    data = bindData(buffered, type);
                }
            }
            if (dataError != null) {
                throw dataError;
            }
            if (attributeError != null) {
                throw attributeError;
            }
            try {
                return new Event<>(specversion, id, typeText, source, time, subject, datacontenttype, data);
            } catch (NullPointerException e) {
                throw new EventFormatException("/" + e.getMessage(), e.getMessage() + " is required", e);
            } catch (IllegalArgumentException e) {
                throw new EventFormatException("", e.getMessage(), e);
            }
        }
    }
}
