package io.flowwatch.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flowwatch.events.Problem;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The write budget: rows reserved while a write runs, refused with a 503 when they do not fit, always freed. */
class WriteBudgetTest {

    private final WriteBudget budget = new WriteBudget(100);

    /** A write that runs until its emitter completes it. */
    private static final class Held {
        final AtomicReference<UniEmitter<? super String>> emitter = new AtomicReference<>();
        final UniAssertSubscriber<String> subscriber;

        Held(WriteBudget budget, int rows) {
            subscriber = budget.admit(rows, "body", () -> Uni.createFrom().<String>emitter(emitter::set))
                    .subscribe().withSubscriber(UniAssertSubscriber.create());
        }
    }

    private DomainException refusal(int rows) {
        Throwable failure = budget.admit(rows, "body", () -> Uni.createFrom().item("stored"))
                .subscribe().withSubscriber(UniAssertSubscriber.create()).assertFailed().getFailure();
        return assertInstanceOf(DomainException.class, failure);
    }

    @Test
    void writesRunWhileTheyFitAndTheOneThatDoesNotIsRefusedWithA503NamingTheField() {
        Held first = new Held(budget, 60);
        new Held(budget, 40);
        assertEquals(100, budget.rowsInFlight());

        DomainException refused = refusal(1);
        assertEquals(503, refused.status());
        assertEquals(WriteBudget.RETRY_AFTER_SECONDS, refused.retryAfterSeconds());
        Problem problem = refused.toProblem("/api/v1/events");
        assertEquals(Problem.TYPE_BASE + "busy", problem.type());
        assertEquals("body", problem.errors().getFirst().field());
        assertEquals(100, budget.rowsInFlight(), "a refused write reserves nothing");

        first.emitter.get().complete("stored");
        first.subscriber.assertItem("stored");
        assertEquals(40, budget.rowsInFlight());
        budget.admit(60, "body", () -> Uni.createFrom().item("stored")).await().indefinitely();
    }

    @Test
    void rowsAreFreedOnFailureOnCancellationAndWhenTheWriteCannotEvenStart() {
        Held failing = new Held(budget, 30);
        failing.emitter.get().fail(new IllegalStateException("the database went away"));
        failing.subscriber.assertFailedWith(IllegalStateException.class);

        Held cancelled = new Held(budget, 30);
        cancelled.subscriber.cancel();

        assertThrows(IllegalArgumentException.class, () -> budget.admit(30, "body", () -> {
            throw new IllegalArgumentException("refused before it started");
        }).await().indefinitely());

        assertEquals(0, budget.rowsInFlight());
    }

    @Test
    void aWriteLargerThanTheWholeBudgetRunsAloneButNotBesideAnother() {
        assertEquals("stored", budget.admit(500, "body", () -> Uni.createFrom().item("stored")).await().indefinitely());
        new Held(budget, 1);
        assertEquals(503, refusal(500).status());
    }

    @Test
    void nothingIsReservedUntilTheWriteIsSubscribed() {
        Uni<String> notYet = budget.admit(100, "body", () -> Uni.createFrom().item("stored"));
        assertEquals(0, budget.rowsInFlight());
        new Held(budget, 100);
        notYet.subscribe().withSubscriber(UniAssertSubscriber.create()).assertFailed();
    }
}
