package io.flowwatch.analytics.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Groups a stream into lists of up to {@code maxSize} weight (items count by their {@code weight}, at least 1; a list
 * holds at least one item) and hands them to a handler one list at a time. When the
 * handler is idle, a list closes {@code maxWait} after its first item (or at once when full); while the handler is
 * busy, items accumulate, and the next list takes everything waiting (up to {@code maxSize}) as soon as the handler
 * is done. So batches grow with the backlog.
 *
 * <p>Mutiny's {@code group().intoLists().of(size, duration)} closes a list on every timeout whether or not the
 * previous one has been handled: behind a slow transaction the lists queue up small, and every one pays a whole
 * transaction. Requests are unbounded here; the broker's prefetch ({@code max-outstanding-messages}) bounds how many
 * unacknowledged messages can wait.
 */
final class MessageBatcher<T> implements Flow.Subscriber<T> {

    private static final Logger LOG = Logger.getLogger(MessageBatcher.class);

    private final int maxSize;
    private final Duration maxWait;
    private final Function<List<T>, Uni<Void>> handler;
    private final UnaryOperator<T> onArrival;
    private final ToIntFunction<T> weight;
    private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    /** A list is scheduled or being handled. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** Why the stream ended (it never should while the service runs): liveness reports it. */
    private volatile String ended;

    MessageBatcher(int maxSize, Duration maxWait, Function<List<T>, Uni<Void>> handler) {
        this(maxSize, maxWait, UnaryOperator.identity(), item -> 1, handler);
    }

    /**
     * With {@code onArrival} applied to every item as it arrives, in arrival order, and each item counting
     * {@code weight} (at least 1) towards {@code maxSize}.
     */
    MessageBatcher(int maxSize, Duration maxWait, UnaryOperator<T> onArrival, ToIntFunction<T> weight,
            Function<List<T>, Uni<Void>> handler) {
        this.maxSize = maxSize;
        this.maxWait = maxWait;
        this.onArrival = onArrival;
        this.weight = item -> Math.max(1, weight.applyAsInt(item));
        this.handler = handler;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T item) {
        T arrived = onArrival.apply(item);
        waiting.add(arrived);
        count.addAndGet(weight.applyAsInt(arrived));
        trigger(false);
    }

    private void trigger(boolean backlog) {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        if (backlog || count.get() >= maxSize) {
            run();
        } else {
            Infrastructure.getDefaultWorkerPool().schedule(this::run, maxWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>(Math.min(maxSize, Math.max(1, count.get())));
        int size = 0;
        T item;
        // only this run takes items (busy), so what peek shows is what poll takes
        while ((item = waiting.peek()) != null && (batch.isEmpty() || size + weight.applyAsInt(item) <= maxSize)) {
            waiting.poll();
            int itemWeight = weight.applyAsInt(item);
            batch.add(item);
            size += itemWeight;
            count.addAndGet(-itemWeight);
        }
        if (batch.isEmpty()) {
            done();
            return;
        }
        Uni<Void> handled;
        try {
            handled = handler.apply(batch);
        } catch (RuntimeException e) {
            handled = Uni.createFrom().failure(e);
        }
        handled.subscribe().with(ignored -> done(), failure -> {
            LOG.error("a batch failed unexpectedly", failure);
            done();
        });
    }

    private void done() {
        busy.set(false);
        if (count.get() > 0) {
            trigger(true);
        }
    }

    @Override
    public void onError(Throwable failure) {
        ended = "the event stream ended with a failure: " + failure;
        LOG.error("the event stream ended with a failure; no more events are consumed", failure);
    }

    @Override
    public void onComplete() {
        ended = "the event stream ended";
        LOG.info("the event stream ended");
    }

    /** Null while the stream runs; else why it ended. */
    String ended() {
        return ended;
    }
}
