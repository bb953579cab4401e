package io.flowwatch.events.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonRowsTest {

    @Test
    void idsJoinedByTheDatabaseAreReadBackWhateverTheirNumber() {
        Set<UUID> three = Stream.generate(UUID::randomUUID).limit(3).collect(Collectors.toSet());
        UUID one = UUID.randomUUID();

        assertEquals(three, JsonRows.ids(three.stream().map(UUID::toString).collect(Collectors.joining(","))));
        assertEquals(Set.of(one), JsonRows.ids(one.toString()));
        assertEquals(Set.of(), JsonRows.ids(""));
        assertEquals(Set.of(), JsonRows.ids(null));
        assertThrows(IllegalArgumentException.class, () -> JsonRows.ids(one + ",not-an-id"));
    }
}
