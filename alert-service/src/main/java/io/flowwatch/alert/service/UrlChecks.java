package io.flowwatch.alert.service;

import io.flowwatch.alert.domain.WebhookUrlGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs {@link WebhookUrlGuard} off the event loop (it resolves host names, which blocks) and hands the verdict back
 * on the caller's context, so reactive database sessions carry on where they were.
 */
@ApplicationScoped
public class UrlChecks {

    private final WebhookUrlGuard guard;
    private final Vertx vertx;

    public UrlChecks(WebhookUrlGuard guard, Vertx vertx) {
        this.guard = guard;
        this.vertx = vertx;
    }

    public Uni<WebhookUrlGuard.Verdict> check(String url) {
        return vertx.executeBlocking(() -> guard.check(url), false);
    }
}
