package io.flowwatch.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Instants read directly in the producers' form, and exactly as {@link Instant#parse} (and Jackson) read them. */
class UtcInstantTest {

    private static final ObjectReader INSTANTS = EventCodec.mapper().readerFor(Instant.class);

    @Property
    void theProducersFormIsReadDirectlyAndEqualsTheStandardParse(
            @ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long epochSecond,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
            @ForAll @IntRange(min = 0, max = 9) int fractionDigits) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        String text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%sZ", time.getYear(), time.getMonthValue(),
                time.getDayOfMonth(), time.getHour(), time.getMinute(), time.getSecond(),
                fractionDigits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, fractionDigits));

        Instant direct = EventCodec.UtcInstantDeserializer.parseUtc(text);

        assertNotNull(direct, text);
        assertEquals(Instant.parse(text), direct, text);
    }

    @Property(tries = 3000)
    void anyOtherTextIsLeftToTheStandardParserOrReadTheSameAsIt(@ForAll("instantLikeText") String text) {
        Instant direct = EventCodec.UtcInstantDeserializer.parseUtc(text);
        if (direct != null) {
            assertEquals(Instant.parse(text), direct, text);
        }
    }

    @Provide
    Arbitrary<String> instantLikeText() {
        Arbitrary<Character> mutated = Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', 'T', 'Z', 'z', '.', ' ', '+');
        return Arbitraries.of("2026-01-29T20:00:05Z", "2024-02-29T23:59:59.123456789Z", "1999-12-31T00:00:00.5Z")
                .flatMap(base -> Arbitraries.integers().between(0, base.length() - 1).list().ofMaxSize(3)
                        .flatMap(positions -> mutated.list().ofSize(positions.size()).map(characters -> {
                            StringBuilder changed = new StringBuilder(base);
                            for (int i = 0; i < positions.size(); i++) {
                                changed.setCharAt(positions.get(i), characters.get(i));
                            }
                            return changed.toString();
                        })));
    }

    @Example
    void formsOtherThanTheProducersAreStillReadAsJacksonReadsThem() throws Exception {
        for (String text : new String[] {"2016-12-31T23:59:60Z", "2026-01-29T20:00:05z", "2026-01-29T24:00:00Z",
                "2026-01-29T20:00:05.Z", "2026-01-29T20:00:05+01:00", "2026-02-30T00:00:00Z"}) {
            assertNull(EventCodec.UtcInstantDeserializer.parseUtc(text), text);
        }
        assertEquals(Instant.parse("2026-01-29T19:00:05Z"), INSTANTS.readValue("\"2026-01-29T20:00:05+01:00\""));
        assertEquals(Instant.parse("2016-12-31T23:59:59Z"), INSTANTS.readValue("\"2016-12-31T23:59:60Z\""));
        assertEquals(Instant.parse("2026-01-29T20:00:05Z"), INSTANTS.readValue("\" 2026-01-29T20:00:05Z \""));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L, 500_000_000), INSTANTS.readValue("1700000000.5"));
        assertNull(INSTANTS.readValue("\"\""));
    }

    @Example
    void anImpossibleDateIsStillRefusedAndNamedInAnEvent() {
        assertThrows(DateTimeParseException.class, () -> Instant.parse("2026-02-30T00:00:00Z"));
        assertThrows(InvalidFormatException.class, () -> INSTANTS.readValue("\"2026-02-30T00:00:00Z\""));
        String json = ContractSamples.json("quote").replaceFirst("\"time\": *\"[^\"]+\"", "\"time\": \"2026-02-30T00:00:00Z\"");

        EventFormatException e = assertThrows(EventFormatException.class, () -> EventCodec.decode(json));

        assertEquals("/time", e.field());
    }
}
