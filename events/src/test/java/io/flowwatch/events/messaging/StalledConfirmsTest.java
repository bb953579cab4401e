package io.flowwatch.events.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StalledConfirmsTest {

    private final List<String> restarted = new ArrayList<>();
    private final StalledConfirms watch = new StalledConfirms("events-out", 2, channel -> {
        restarted.add(channel);
        return Uni.createFrom().voidItem();
    });

    @Test
    void everySecondUnconfirmedRoundOnAConnectedChannelRestartsIt() {
        watch.roundUnconfirmed(true);
        assertEquals(List.of(), restarted);
        watch.roundUnconfirmed(true);
        assertEquals(List.of("events-out"), restarted);
        watch.roundUnconfirmed(true);
        watch.roundUnconfirmed(true);
        assertEquals(List.of("events-out", "events-out"), restarted);
        assertEquals(4, watch.rounds());
    }

    @Test
    void aConfirmedRoundStartsTheCountAgain() {
        watch.roundUnconfirmed(true);
        watch.roundConfirmed();
        watch.roundUnconfirmed(true);
        assertEquals(List.of(), restarted);
        assertEquals(1, watch.rounds());
    }

    @Test
    void roundsWhileTheConnectionIsDownDoNotCount() {
        watch.roundUnconfirmed(true);
        watch.roundUnconfirmed(false);
        watch.roundUnconfirmed(true);
        assertEquals(List.of(), restarted);
        assertEquals(1, watch.rounds());
    }

    @Test
    void aStallIsEnoughRoundsWithoutConfirmsOnAConnectedChannel() {
        assertTrue(StalledConfirms.stalled(4, true, 4));
        assertFalse(StalledConfirms.stalled(3, true, 4), "fewer rounds than the limit");
        assertFalse(StalledConfirms.stalled(9, false, 4), "a broker that is down is not the relay's stall");
    }

    @Test
    void aFailedRestartIsLoggedNotThrown() {
        StalledConfirms failing = new StalledConfirms("metrics-out", 1,
                channel -> Uni.createFrom().failure(new IllegalStateException("channel metrics-out has no RabbitMQ client")));
        failing.roundUnconfirmed(true);
        assertEquals(1, failing.rounds());
    }
}
