package io.flowwatch.analytics.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class SubscriptionGuardTest {

    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicInteger nacks = new AtomicInteger();

    private Message<String> delivered(String body) {
        return Message.of(body)
                .withAck(() -> {
                    acks.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    nacks.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                });
    }

    @Test
    void messagesOfTheCurrentSubscriptionAreSettled() {
        SubscriptionGuard guard = new SubscriptionGuard();
        Message<String> first = guard.received(delivered("a"), "ctag-1");
        Message<String> second = guard.received(delivered("b"), "ctag-1");
        first.ack().toCompletableFuture().join();
        second.nack(new IllegalStateException("retry")).toCompletableFuture().join();
        assertEquals(1, acks.get());
        assertEquals(1, nacks.get());
        assertEquals(0, guard.dropped());
    }

    @Test
    void aMessageOfAnEndedSubscriptionIsNotSettledOnTheNextOne() {
        SubscriptionGuard guard = new SubscriptionGuard();
        Message<String> beforeReconnect = guard.received(delivered("a"), "ctag-1");
        Message<String> afterReconnect = guard.received(delivered("a again"), "ctag-2");
        beforeReconnect.ack().toCompletableFuture().join();
        beforeReconnect.nack(new IllegalStateException("late")).toCompletableFuture().join();
        assertEquals(0, acks.get());
        assertEquals(0, nacks.get());
        assertEquals(2, guard.dropped());
        afterReconnect.ack().toCompletableFuture().join();
        assertEquals(1, acks.get());
    }

    @Test
    void aMessageWithoutConsumerTagIsLeftAsItIs() {
        SubscriptionGuard guard = new SubscriptionGuard();
        Message<String> message = delivered("a");
        assertEquals(message, guard.received(message));
    }
}
