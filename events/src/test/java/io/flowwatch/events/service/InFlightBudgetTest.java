package io.flowwatch.events.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

    @Test
    void whatDoesNotFitBesideTheUnitsInFlightIsRefusedUntilTheyAreReleased() {
        InFlightBudget budget = new InFlightBudget(100);
        assertTrue(budget.tryTake(60));
        assertFalse(budget.tryTake(41));
        assertEquals(60, budget.inFlight(), "a refusal takes nothing");
        assertTrue(budget.tryTake(40));

        budget.release(60);
        assertEquals(40, budget.inFlight());
    }

    @Test
    void aRequestLargerThanTheCapacityRunsAloneAndGivesBackAllItTook() {
        InFlightBudget budget = new InFlightBudget(100);
        assertTrue(budget.tryTake(1_000));
        assertEquals(100, budget.inFlight());
        assertFalse(budget.tryTake(1));

        budget.release(1_000);
        assertEquals(0, budget.inFlight());
        assertTrue(budget.tryTake(1));
        assertFalse(budget.tryTake(1_000), "not beside another request");
    }

    @Test
    void aBudgetHoldsAtLeastOneUnit() {
        assertThrows(IllegalArgumentException.class, () -> new InFlightBudget(0));
        assertThrows(IllegalArgumentException.class, () -> new InFlightBudget(1L << 31));
    }
}
