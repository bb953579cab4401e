package io.flowwatch.events.testing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.ClientProxy;
import java.lang.reflect.Field;
import java.time.Duration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Hibernate's query plan cache behind a service's {@link Mutiny.SessionFactory}, for the tests of its bound
 * ({@code quarkus.hibernate-orm.query.query-plan-cache-max-size}). Shared through this module's test-jar.
 */
public final class QueryPlans {

    private QueryPlans() {}

    /** The cache itself; Hibernate Reactive keeps the ORM session factory in a private field of its own. */
    public static QueryInterpretationCache of(Mutiny.SessionFactory sessionFactory) throws ReflectiveOperationException {
        Object mutiny = ClientProxy.unwrap(sessionFactory);
        Field delegate = mutiny.getClass().getDeclaredField("delegate");
        delegate.setAccessible(true);
        return ((SessionFactoryImplementor) delegate.get(mutiny)).getQueryEngine().getInterpretationCache();
    }

    /**
     * Waits until the cache holds at most {@code bound} plans: Hibernate (7.2) adds one for every execution of a native
     * select, and the cache evicts in its own maintenance, a moment after an insertion.
     */
    public static void assertAtMost(Mutiny.SessionFactory sessionFactory, int bound) throws ReflectiveOperationException {
        QueryInterpretationCache plans = of(sessionFactory);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(plans.getNumberOfCachedQueryPlans() <= bound,
                "cached query plans: " + plans.getNumberOfCachedQueryPlans()));
    }
}
