package io.flowwatch.gateway.service;

import io.flowwatch.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The gateway's optional bearer-token authentication. Built at start-up so that a bad configuration stops the
 * gateway at once instead of refusing every token later.
 */
@Startup
@ApplicationScoped
public class BearerTokens {

    private static final Logger LOG = Logger.getLogger(BearerTokens.class);

    private final Optional<BearerTokenVerifier> verifier;
    private final Vertx vertx;

    public BearerTokens(GatewayConfig config, Vertx vertx) {
        this.vertx = vertx;
        if (config.jwt().enabled()) {
            var settings = BearerTokenVerifier.Settings.from(config.jwt());
            this.verifier = Optional.of(new BearerTokenVerifier(settings));
            LOG.infof("bearer tokens enabled: issuer %s, keys from %s, roles from claim '%s'", settings.issuer(),
                    settings.jwksUrl().orElseGet(() -> settings.publicKeyLocation().orElseThrow()),
                    settings.rolesClaim());
        } else {
            this.verifier = Optional.empty();
        }
    }

    public boolean enabled() {
        return verifier.isPresent();
    }

    /** Verifies on a worker thread (fetching a key set blocks) and answers on the caller's context. */
    public Uni<BearerTokenVerifier.Outcome> verify(String token) {
        BearerTokenVerifier v = verifier.orElseThrow(() -> new IllegalStateException("bearer tokens are not enabled"));
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> v.verify(token), false)
                .toCompletionStage());
    }
}
