package io.flowwatch.analytics.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.analytics.repository.PendingMetric;
import io.flowwatch.events.testing.RabbitManagement;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A broker connection lost while metric updates await their confirms (fault suite, RabbitMQ scenario): the connection
 * is cut three times under a steady stream, the sender reconnects, and every later publish must be confirmed. The
 * connector drops the confirms it awaited at each cut (a few to dozens here; 58 in a fault-suite broker restart);
 * with the former window of 1,024 slots, freed only by confirms, enough such losses stalled the channel for good.
 * A closed connection on the shared broker loses too few confirms to exhaust that window, so this test guards the
 * recovery after reconnects; the stall itself is reproduced by the fault suite.
 */
@QuarkusTest
class MetricSenderReconnectTest {

    private static final Logger LOG = Logger.getLogger(MetricSenderReconnectTest.class);
    private static final String CONNECTION = MetricSender.CHANNEL + " (Outgoing)";
    private static final int CUTS = 3;
    private static final int BURST = 2000;
    /** Publishes awaiting their confirms during a cut (below the connector's former window of 1,024). */
    private static final int IN_FLIGHT = 1000;

    @Inject
    MetricSender sender;

    private final RabbitManagement admin = new RabbitManagement(
            ConfigProvider.getConfig().getValue("rabbitmq-virtual-host", String.class), "analytics-service broker connection test");

    @Test
    void publishesAreConfirmedAgainAfterTheConnectionWasCutWithConfirmsOutstanding() {
        awaitAllConfirmed(send(1));
        for (int cut = 1; cut <= CUTS; cut++) {
            // The management API lists a (re)opened connection only after a few seconds.
            List<String> names = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.connectionsNamed(CONNECTION), list -> list.size() == 1);
            String closed = names.getFirst();
            // A steady stream keeps up to IN_FLIGHT publishes awaiting their confirms while the connection goes.
            Outcomes stream = new Outcomes(0);
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread publisher = Thread.ofPlatform().start(() -> {
                while (streaming.get()) {
                    if (stream.sent.get() - stream.confirmed.get() - stream.failed.get() < IN_FLIGHT) {
                        send(stream);
                    } else {
                        LockSupport.parkNanos(100_000);
                    }
                }
            });
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.confirmed.get() >= IN_FLIGHT);
                admin.close(closed);
                // The connector reconnects within moments; the broker then lists a new connection under the same name.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> admin.connectionsNamed(CONNECTION), list -> list.size() == 1 && !list.contains(closed));
            } finally {
                streaming.set(false);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isAlive());
            LOG.infof("cut %d: %d published, %d confirmed, %d failed (the rest lost their confirms)", cut, stream.sent.get(), stream.confirmed.get(),
                    stream.failed.get());
        }
        Outcomes after = send(BURST);
        awaitAllConfirmed(after);
        assertEquals(0, after.failed.get(), "no publish after the reconnect was nacked");
    }

    private void awaitAllConfirmed(Outcomes outcomes) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.confirmed.get() + outcomes.failed.get() == outcomes.expected);
        } finally {
            LOG.infof("%d of %d confirmed, %d failed", outcomes.confirmed.get(), outcomes.expected, outcomes.failed.get());
        }
    }

    private Outcomes send(int count) {
        Outcomes outcomes = new Outcomes(count);
        for (int i = 0; i < count; i++) {
            send(outcomes);
        }
        return outcomes;
    }

    private void send(Outcomes outcomes) {
        String id = UUID.randomUUID().toString();
        outcomes.sent.incrementAndGet();
        sender.send(new PendingMetric(0, id, "metric.reconnect-test." + id.charAt(0), "{\"id\":\"" + id + "\"}"))
                .subscribe().with(ok -> outcomes.confirmed.incrementAndGet(), failure -> outcomes.failed.incrementAndGet());
    }

    private static final class Outcomes {
        /** How many the caller sends (0 for an open-ended stream). */
        final int expected;
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger confirmed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        Outcomes(int expected) {
            this.expected = expected;
        }
    }
}
