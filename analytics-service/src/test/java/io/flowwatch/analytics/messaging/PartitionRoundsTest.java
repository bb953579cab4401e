package io.flowwatch.analytics.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The metric relay's guarantee that a series' updates go out in order rests on one round per partition at a time. */
class PartitionRoundsTest {

    /** Each started round, by partition, ending when the test completes it. */
    private final List<List<CompletableFuture<Void>>> started = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<Throwable> failures = new ArrayList<>();
    private final PartitionRounds rounds = new PartitionRounds(2, partition -> {
        CompletableFuture<Void> round = new CompletableFuture<>();
        started.get(partition).add(round);
        return Uni.createFrom().completionStage(round);
    }, failures::add);

    @Test
    void aPartitionNeverRunsTwoRoundsAtOnceAndARequestMeanwhileRunsAfter() {
        rounds.requestAll();
        assertEquals(1, started.get(0).size());
        assertEquals(1, started.get(1).size());

        rounds.requestAll();
        rounds.requestAll();
        assertEquals(1, started.get(0).size(), "no second round while the first runs");

        started.get(0).getFirst().complete(null);
        assertEquals(2, started.get(0).size(), "the requests that came meanwhile start one more round");
        assertEquals(1, started.get(1).size(), "the other partition's round still runs alone");

        started.get(0).get(1).complete(null);
        assertEquals(2, started.get(0).size(), "nothing was asked for since: no further round");
    }

    @Test
    void aFailedRoundFreesItsPartitionForTheNextRequest() {
        rounds.requestAll();
        started.get(1).getFirst().completeExceptionally(new IllegalStateException("broker gone"));
        assertEquals(1, failures.size());

        rounds.requestAll();
        assertEquals(2, started.get(1).size());
        assertEquals(1, started.get(0).size(), "partition 0's first round still runs");
    }
}
