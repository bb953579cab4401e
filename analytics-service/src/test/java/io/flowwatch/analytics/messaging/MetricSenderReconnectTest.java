package io.flowwatch.analytics.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.flowwatch.analytics.repository.PendingMetric;
import io.flowwatch.analytics.testing.RabbitAdmin;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A broker restart while metric updates await their confirms (fault suite, RabbitMQ scenario): the connection is
 * cut, the sender reconnects, and every later publish must be confirmed again, after as many such cuts as happen.
 */
@QuarkusTest
class MetricSenderReconnectTest {

    private static final Logger LOG = Logger.getLogger(MetricSenderReconnectTest.class);
    private static final String CONNECTION = MetricSender.CHANNEL + " (Outgoing)";
    private static final int CUTS = 3;
    private static final int BURST = 2000;

    @Inject
    MetricSender sender;

    private final RabbitAdmin admin = new RabbitAdmin();

    @Test
    void publishesAreConfirmedAgainAfterTheConnectionWasCutWithConfirmsOutstanding() {
        awaitAllConfirmed(send(1));
        for (int cut = 1; cut <= CUTS; cut++) {
            // The management API lists a (re)opened connection only after a few seconds.
            List<String> names = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.connectionsNamed(CONNECTION), list -> list.size() == 1);
            Outcomes burst = send(BURST);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() -> burst.confirmed.get() > 0);
            String closed = names.getFirst();
            admin.close(closed);
            // The connector reconnects within moments; the broker then lists a new connection under the same name.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.connectionsNamed(CONNECTION), list -> list.size() == 1 && !list.contains(closed));
            LOG.infof("cut %d: %d of %d confirmed when the connection was closed", cut, burst.confirmed.get(), BURST);
        }
        Outcomes after = send(BURST);
        awaitAllConfirmed(after);
        assertEquals(0, after.failed.get(), "no publish after the reconnect was nacked");
    }

    private void awaitAllConfirmed(Outcomes outcomes) {
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.confirmed.get() + outcomes.failed.get() == outcomes.sent);
        } finally {
            LOG.infof("%d of %d confirmed, %d failed", outcomes.confirmed.get(), outcomes.sent, outcomes.failed.get());
        }
    }

    private Outcomes send(int count) {
        Outcomes outcomes = new Outcomes(count);
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            sender.send(new PendingMetric(0, id, "metric.reconnect-test." + i % 7, "{\"id\":\"" + id + "\"}"))
                    .subscribe().with(ok -> outcomes.confirmed.incrementAndGet(), failure -> outcomes.failed.incrementAndGet());
        }
        return outcomes;
    }

    private static final class Outcomes {
        final int sent;
        final AtomicInteger confirmed = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        Outcomes(int sent) {
            this.sent = sent;
        }
    }
}
