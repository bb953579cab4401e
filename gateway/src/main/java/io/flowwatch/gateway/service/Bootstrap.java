package io.flowwatch.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Creates the first admin key of a fresh installation at start-up. */
@ApplicationScoped
public class Bootstrap {

    void onStart(@Observes StartupEvent event, ApiKeyService keys) throws Throwable {
        VertxContextSupport.subscribeAndAwait(keys::bootstrapAdminKey);
    }
}
