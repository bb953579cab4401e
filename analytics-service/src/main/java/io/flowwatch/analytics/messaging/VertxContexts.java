package io.flowwatch.analytics.messaging;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Runs reactive work that uses Hibernate Reactive on a new, safe, duplicated Vert.x context, as Quarkus does for an
 * HTTP request: messages, timers and broker confirms arrive on other threads, and each unit of work (one batch, one
 * relay round) gets its own session.
 */
@ApplicationScoped
public class VertxContexts {

    private final Vertx vertx;

    public VertxContexts(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> onNewContext(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            // A new event-loop context each time (round robin over the event loops), so that batches, relay rounds
            // and requests spread over the loops instead of piling up on the one that happens to call.
            Context context = VertxContext.createNewDuplicatedContext(((VertxInternal) vertx).createEventLoopContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> {
                try {
                    work.get().subscribe().with(emitter::complete, emitter::fail);
                } catch (Throwable failure) {
                    emitter.fail(failure);
                }
            });
        });
    }
}
